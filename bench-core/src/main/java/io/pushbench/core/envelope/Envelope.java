package io.pushbench.core.envelope;

/**
 * One measured message, the same on every transport.
 *
 * <p>The envelope carries what a receiver needs to measure it without asking the sender:
 * its sequence number, the time it was <em>meant</em> to be sent (from the plan, used for the
 * corrected latency) and the time it was actually sent (used for the uncorrected latency).
 * Times are {@link System#nanoTime()} readings; on Linux that is the system-wide monotonic
 * clock, so a reading made in one process may be compared with one made in another on the
 * same host.
 *
 * @param sequence     0-based sequence number within its stream, {@code >= 0}
 * @param intendedNanos when the plan said the message should be sent, nanoTime
 * @param sentNanos    when it actually went out, nanoTime; {@code >= intendedNanos} when the
 *                     sender is on schedule or late
 */
public record Envelope(long sequence, long intendedNanos, long sentNanos) {

    public Envelope {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0, was " + sequence);
        }
    }

    /** How late the sender was against its plan, in nanoseconds (0 or more when on or behind schedule). */
    public long sendLagNanos() {
        return sentNanos - intendedNanos;
    }
}
