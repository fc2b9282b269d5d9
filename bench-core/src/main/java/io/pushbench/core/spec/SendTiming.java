package io.pushbench.core.spec;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ScheduledSender} waits for the next planned send.
 *
 * <p>By default the plan runs as timers on the event loops that do the I/O: a wake-up sends
 * everything that came due, the connections it wrote to are flushed once, and the next wake-up
 * is scheduled no sooner than {@code resolution} after this one was (or at the next due time, if
 * that is later): counted from the schedule, not from when the thread woke, so the timer's slack
 * does not add up from one wake-up to the next.
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
     * The default resolution: 1 ms, the tick of wrk2's event loop and of the generator floor's
     * bare client. Every wake-up of a thread costs CPU of its own (the timer is programmed, the
     * thread sleeps and is woken; on a virtual machine each of these exits to the hypervisor), and
     * below a resolution of about one message interval every message is a wake-up of its own. A
     * loop's sends come due less often than once a millisecond up to 1,000 msg/s per event loop,
     * and they then go out at their due time as before; above that, a wake-up carries every message
     * that came due in the last millisecond. Measured on the 2-vCPU development VM (WebSocket echo
     * against {@code pushbench serve} in its own process, 10 connections, 32 B, 10,000 msg/s): 74 µs
     * of generator CPU per round trip at 100 µs, 31 µs at 1 ms; the corrected p50 rose from 0.15 ms
     * to 0.73 ms, the uncorrected one did not move. Choose {@code 100us} for sub-millisecond
     * corrected latency at high rates when the cores can be spared.
     */
    public static final Duration DEFAULT_RESOLUTION = Duration.ofMillis(1);
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
