package io.pushbench.core.engine;

/**
 * Decides when a run's plan starts, once its connections are open. Alone, a run starts as soon as
 * it can; a shard of a bigger run waits here for the start time all shards share (the rendezvous).
 */
@FunctionalInterface
public interface StartGate {

    /** Starts at the earliest time given: the run alone. */
    StartGate IMMEDIATE = earliest -> earliest;

    /**
     * Blocks until the start is known, and returns it.
     *
     * @param earliestNanos the earliest the run could start, {@link System#nanoTime()} scale
     * @return the start, {@link System#nanoTime()} scale (may be earlier than now if the start was
     *         announced late: the plan then catches up, and the lateness is the shard's skew)
     * @throws InterruptedException if interrupted while waiting
     * @throws StartRefusedException when the run must not start (a shard missing, this one refused)
     */
    long startAt(long earliestNanos) throws InterruptedException;

    /** The run cannot start; the message says why, in one line. */
    final class StartRefusedException extends RuntimeException {
        public StartRefusedException(String message) {
            super(message);
        }
    }
}
