package io.pushbench.core.spec;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ScheduledSender} waits for the next planned send.
 *
 * <p>By default the plan runs as timers on the event loops that do the I/O: a wake-up sends
 * everything that came due, the connections it wrote to are flushed once, and the next wake-up
 * comes no sooner than {@code resolution} later (or at the next due time, if that is later).
 * Nothing spins, so an idle generator costs nothing, and at high rates one wake-up and one flush
 * carry many messages. The price is that a message may go out up to about {@code resolution}
 * (plus the platform's timer slack) after its planned time; that lateness is recorded as schedule
 * lag and, because latency counts from the planned time, it is part of the corrected latency
 * and not of the uncorrected one.
 *
 * <p>{@code spin} is the opt-in alternative: one dedicated thread that parks until shortly before
 * each due time and spins the rest, sending each message on its own. It keeps schedule lag near
 * zero at the cost of a whole core while the run lasts, and every send crosses from that thread
 * to an event loop.
 *
 * @param resolution shortest time between two wake-ups of one event loop's sender, {@code >= 0};
 *                   0 wakes for every due time
 * @param spin       whether to use a dedicated spinning thread instead of event-loop timers
 */
public record SendTiming(Duration resolution, boolean spin) {

    /**
     * The default resolution: 100 µs. At 10,000 messages per second per event loop it still wakes
     * once per message; above that, wake-ups carry several messages each. It is of the order of the
     * timer slack of a Linux thread (50 µs by default), so it adds little lag of its own.
     */
    public static final Duration DEFAULT_RESOLUTION = Duration.ofNanos(100_000);
    /** Coarsest resolution accepted: 100 ms. */
    public static final Duration MAX_RESOLUTION = Duration.ofMillis(100);

    public SendTiming {
        Objects.requireNonNull(resolution, "resolution");
        if (resolution.isNegative() || resolution.compareTo(MAX_RESOLUTION) > 0) {
            throw new IllegalArgumentException("timer-resolution must be between 0 and 100ms, was "
                    + resolution.toNanos() / 1000.0 + "us");
        }
    }

    /** Event-loop timers at {@link #DEFAULT_RESOLUTION}. */
    public static SendTiming defaults() {
        return new SendTiming(DEFAULT_RESOLUTION, false);
    }

    /** Event-loop timers at {@code resolution}. */
    public static SendTiming eventLoop(Duration resolution) {
        return new SendTiming(resolution, false);
    }

    /** A dedicated spinning thread. */
    public static SendTiming spinning() {
        return new SendTiming(Duration.ZERO, true);
    }
}
