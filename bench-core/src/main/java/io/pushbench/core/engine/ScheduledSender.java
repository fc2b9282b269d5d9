package io.pushbench.core.engine;

import io.pushbench.core.record.LatencyRecorder;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends on a {@link SendPlan}, on its own thread: message {@code i} is handed to the
 * {@link Action} at its planned time, never "when the previous one finished". When the
 * sender falls behind (a slow action, a pause of the process), the messages that came due
 * meanwhile are sent at once, one after another, each still stamped with its own planned time,
 * so the delay shows up in latency measured from the plan (this is what corrects coordinated
 * omission). How late each send was is recorded in {@link #lag()}.
 *
 * <p>If it is still behind when the plan ends, it keeps sending for at most the grace period,
 * then stops; {@link #sent()} says how far it got.
 */
public final class ScheduledSender {

    /** Receives each planned send. Runs on the sender's thread. */
    @FunctionalInterface
    public interface Action {
        /**
         * @param sequence      index of the message in the plan
         * @param intendedNanos its planned send time, {@link System#nanoTime()} scale
         */
        void send(long sequence, long intendedNanos);
    }

    /** Below this much time to wait, the sender spins instead of parking (park overshoots by ~50 µs). */
    private static final long SPIN_THRESHOLD_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    private final SendPlan plan;
    private final Action action;
    private final long graceNanos;
    private final LatencyRecorder lag = new LatencyRecorder("schedule-lag");
    private final Thread thread;
    private volatile long startNanos;
    private volatile long sent;
    private volatile boolean stopRequested;

    /**
     * @param graceNanos how long after the end of the plan a late sender may go on catching up
     */
    public ScheduledSender(String name, SendPlan plan, long graceNanos, Action action) {
        this.plan = plan;
        this.action = action;
        this.graceNanos = graceNanos;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    /** Starts sending; message 0 is due at {@code startNanos}. */
    public void start(long startNanos) {
        this.startNanos = startNanos;
        thread.start();
    }

    /** Waits for the sender to finish the plan (or its grace period). */
    public void join() throws InterruptedException {
        thread.join();
    }

    /** Asks the sender to stop after its current send. */
    public void stop() {
        stopRequested = true;
        LockSupport.unpark(thread);
    }

    /** Messages sent so far: the next message to send has this index. */
    public long sent() {
        return sent;
    }

    /** How late each send went out against the plan, nanoseconds. */
    public LatencyRecorder lag() {
        return lag;
    }

    private void run() {
        long start = startNanos;
        long end = plan.endExclusive();
        long hardStop = start + plan.totalNanos() + graceNanos;
        for (long i = 0; i < end && !stopRequested; i++) {
            long due = start + plan.offsetNanos(i);
            long now = waitUntil(due);
            if (stopRequested || now > hardStop) {
                break;
            }
            lag.record(now - due);
            action.send(i, due);
            sent = i + 1;
        }
    }

    private long waitUntil(long due) {
        long now = System.nanoTime();
        while (now < due && !stopRequested) {
            long remaining = due - now;
            if (remaining > SPIN_THRESHOLD_NANOS) {
                LockSupport.parkNanos(remaining - SPIN_THRESHOLD_NANOS);
            } else {
                Thread.onSpinWait();
            }
            now = System.nanoTime();
        }
        return now;
    }
}
