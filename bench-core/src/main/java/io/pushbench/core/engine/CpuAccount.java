package io.pushbench.core.engine;

/**
 * The CPU time of a measured phase, split between an in-process server (told apart by its threads)
 * and the generator (the rest of the process), from two {@link Snapshot}s.
 *
 * @param processNanos   the whole process's CPU time
 * @param serverNanos    the in-process server's, or -1 when there is none (or it is not known)
 * @param generatorNanos the generator's: the process's without the server's
 * @param utilisation    the process's share of all CPUs over the elapsed time, 0 to 1
 */
record CpuAccount(double processNanos, double serverNanos, double generatorNanos, double utilisation) {

    static CpuAccount between(Snapshot atStart, Snapshot atEnd) {
        double elapsedNanos = atEnd.nanoTime() - atStart.nanoTime();
        double process = atEnd.processCpuNanos() - atStart.processCpuNanos();
        boolean serverKnown = atStart.serverCpuNanos() >= 0;
        double server = serverKnown ? atEnd.serverCpuNanos() - atStart.serverCpuNanos() : -1;
        return new CpuAccount(process, server, serverKnown ? process - server : process,
                process / (elapsedNanos * Runtime.getRuntime().availableProcessors()));
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
