package io.pushbench.core.engine;

/**
 * The CPU time of a measured phase, split between an in-process server (told apart by its threads),
 * the JIT compiler's threads and the generator (the rest of the process, plus the client processes
 * outside it: a browser's), from two {@link Snapshot}s.
 * The compiler is left out of the generator's share, as the generator floor leaves it out of the bare
 * client's: both are steady costs, and a compiler still busy with the run's code (or the server's)
 * would otherwise be charged to the generator per message.
 *
 * @param processNanos   the whole process's CPU time
 * @param serverNanos    the in-process server's, or -1 when there is none (or it is not known)
 * @param compilerNanos  the JIT compiler threads', or -1 when not known
 * @param outsideNanos   the client processes' outside this JVM (a browser's), 0 when there are none
 * @param generatorNanos the generator's: the process's without the server's and the compiler's, plus
 *                       the outside clients'
 * @param utilisation    the share of all CPUs over the elapsed time of this process and the outside
 *                       clients together, 0 to 1
 */
record CpuAccount(double processNanos, double serverNanos, double compilerNanos, double outsideNanos,
                  double generatorNanos, double utilisation) {

    static CpuAccount between(Snapshot atStart, Snapshot atEnd) {
        double elapsedNanos = atEnd.nanoTime() - atStart.nanoTime();
        double process = atEnd.processCpuNanos() - atStart.processCpuNanos();
        boolean serverKnown = atStart.serverCpuNanos() >= 0;
        double server = serverKnown ? atEnd.serverCpuNanos() - atStart.serverCpuNanos() : -1;
        boolean compilerKnown = atStart.compilerCpuNanos() >= 0 && atEnd.compilerCpuNanos() >= 0;
        double compiler = compilerKnown ? Math.max(0, atEnd.compilerCpuNanos() - atStart.compilerCpuNanos()) : -1;
        // A browser process that ended during the phase takes its CPU time with it: never below 0.
        double outside = Math.max(0, atEnd.outsideCpuNanos() - atStart.outsideCpuNanos());
        double generator = Math.max(0, process - Math.max(0, server) - Math.max(0, compiler)) + outside;
        return new CpuAccount(process, server, compiler, outside, generator,
                (process + outside) / (elapsedNanos * Runtime.getRuntime().availableProcessors()));
    }

    /** Whether the server's share is known. */
    boolean serverKnown() {
        return serverNanos >= 0;
    }

    /** The generator's CPU per message, microseconds (0 without messages). */
    double generatorMicrosPer(long messages) {
        return messages == 0 ? 0 : generatorNanos / 1e3 / messages;
    }

    /** The server's CPU per message, microseconds (0 without messages, -1 when unknown). */
    double serverMicrosPer(long messages) {
        return !serverKnown() ? -1 : messages == 0 ? 0 : serverNanos / 1e3 / messages;
    }
}
