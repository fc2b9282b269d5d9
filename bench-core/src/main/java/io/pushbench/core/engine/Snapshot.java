package io.pushbench.core.engine;

import io.pushbench.core.driver.TransportDriver;

import java.util.function.LongSupplier;

/**
 * Counters read at one moment, so that the measured phase's share is the difference of two.
 *
 * @param nanoTime        when, {@link System#nanoTime()}
 * @param wireRead        bytes the driver had read
 * @param wireWritten     bytes the driver had written
 * @param processCpuNanos CPU time of this process
 * @param serverCpuNanos  CPU time of an in-process server's threads, or -1 when unknown
 * @param gcMillis        GC time of this JVM
 * @param compilerCpuNanos CPU time of the JIT compiler threads, or -1 when unknown
 * @param outsideCpuNanos CPU time of the client processes outside this JVM (a browser), 0 when none
 */
record Snapshot(long nanoTime, long wireRead, long wireWritten, long processCpuNanos, long serverCpuNanos,
                long gcMillis, long compilerCpuNanos, long outsideCpuNanos) {

    static Snapshot take(TransportDriver driver, LongSupplier serverCpuNanos) {
        return new Snapshot(System.nanoTime(), driver.wire().bytesRead(), driver.wire().bytesWritten(),
                ProcessClocks.processCpuNanos(), serverCpuNanos.getAsLong(), ProcessClocks.gcMillis(), CompilerClock.cpuNanos(),
                driver.outsideCpuNanos());
    }
}
