package io.pushbench.core.engine;

import io.pushbench.core.spec.RunSpec;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The timeline of one {@link TransportRun}: sending starts a moment after the connections are open,
 * the warm-up is not recorded, the measured phase is, and the drain waits for messages in flight.
 * Every wait ends early when the run is stopped.
 */
final class RunPhases {

    /** How long after the phases are set the first message is planned: time for the sender's threads to start. */
    private static final long START_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** When a run is stopped early, messages in flight get this long to arrive: 0.5 s. */
    static final long STOPPED_DRAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    /** When the first (warm-up) message is planned, {@link System#nanoTime()}. */
    final long start;
    /** When the measured phase begins. */
    final long measureStart;
    /** When it ends. */
    final long measureEnd;
    private final long drainNanos;
    private final BooleanSupplier stopped;

    /**
     * Phases that begin now.
     *
     * @param stopped whether the run was stopped: every wait ends then
     * @param gate    when the plan may start (a shard's rendezvous moves it to the start shared by every shard)
     */
    RunPhases(RunSpec spec, BooleanSupplier stopped, StartGate gate) throws InterruptedException {
        this.start = gate.startAt(System.nanoTime() + START_DELAY_NANOS);
        this.measureStart = start + spec.warmup().toNanos();
        this.measureEnd = measureStart + spec.duration().toNanos();
        this.drainNanos = spec.drain().toNanos();
        this.stopped = stopped;
    }

    /** Sleeps until the measured phase begins, or the run is stopped. */
    void awaitMeasuring() throws InterruptedException {
        sleepUntil(measureStart);
    }

    /** Sleeps until the measured phase ends, or the run is stopped. */
    void awaitMeasured() throws InterruptedException {
        sleepUntil(measureEnd);
    }

    /** How long was measured: from the measured phase's start to its end, or to now when it was cut short. */
    long measuredNanos() {
        return Math.max(0, Math.min(System.nanoTime(), measureEnd) - measureStart);
    }

    /**
     * Waits until {@code delivered} reaches {@code expected} or the drain ran out: the spec's drain, or at
     * most {@link #STOPPED_DRAIN_NANOS} for a run that was stopped.
     */
    void drain(long expected, LongSupplier delivered) throws InterruptedException {
        long deadline = System.nanoTime() + (stopped.getAsBoolean() ? Math.min(drainNanos, STOPPED_DRAIN_NANOS)
                : drainNanos);
        while (delivered.getAsLong() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private void sleepUntil(long nanoTime) throws InterruptedException {
        long remaining;
        while (!stopped.getAsBoolean() && (remaining = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(100)));
        }
    }
}
