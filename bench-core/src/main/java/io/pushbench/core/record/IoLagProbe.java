package io.pushbench.core.record;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;

/**
 * Measures how late the client's I/O event loops run what is given to them: on each loop, a task
 * scheduled every {@value #PERIOD_MILLIS} ms records how long after its due time it ran. A loop
 * busy decoding, recording or writing reads the next message that late too, so this is how long
 * what arrived could wait before the generator read it.
 *
 * <p>As jHiccup does, a probe late by more than a period also records the probes that could not
 * run meanwhile (late by the lag less one period, less two, ...), so a loop stuck for a second
 * weighs in the percentiles as what it cost every read due in that second. The backfill is
 * bounded by the lag, not per message.
 *
 * <p>Thread-safe; {@link #start} and {@link #stop} once each. The probe tasks run on the loops.
 */
public final class IoLagProbe {

    /** How often each loop is probed, milliseconds. */
    public static final long PERIOD_MILLIS = 10;

    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS);

    private final List<ScheduledExecutorService> loops = new ArrayList<>();
    private final LatencyRecorder lag;
    private final LongPredicate counts;
    private volatile boolean running;

    /**
     * @param loops  the event loops to probe (none: the probe records nothing)
     * @param lag    where each probe's lateness is recorded, nanoseconds
     * @param counts whether a probe due at this {@link System#nanoTime()} is recorded (the measured phase)
     */
    public IoLagProbe(Iterable<? extends ScheduledExecutorService> loops, LatencyRecorder lag, LongPredicate counts) {
        loops.forEach(this.loops::add);
        this.lag = lag;
        this.counts = counts;
    }

    /** Whether there is any loop to probe. */
    public boolean probes() {
        return !loops.isEmpty();
    }

    public void start() {
        running = true;
        for (ScheduledExecutorService loop : loops) {
            new Probe(loop).schedule(System.nanoTime());
        }
    }

    /** Stops scheduling probes; one already scheduled runs and records nothing more. */
    public void stop() {
        running = false;
    }

    /** One loop's probe: a task that records its lateness and schedules its successor. */
    private final class Probe implements Runnable {
        private final ScheduledExecutorService loop;
        private long due;

        Probe(ScheduledExecutorService loop) {
            this.loop = loop;
        }

        void schedule(long now) {
            due = now + PERIOD_NANOS;
            try {
                loop.schedule(this, PERIOD_NANOS, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // The loop is shutting down: there is nothing left to probe on it.
            }
        }

        @Override
        public void run() {
            if (!running) {
                return;
            }
            long now = System.nanoTime();
            if (counts.test(due)) {
                long late = Math.max(0, now - due);
                for (long missed = late; missed >= 0; missed -= PERIOD_NANOS) {
                    lag.record(missed);
                }
            }
            schedule(now);
        }
    }
}
