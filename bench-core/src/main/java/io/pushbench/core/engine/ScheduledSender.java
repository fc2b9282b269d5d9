package io.pushbench.core.engine;

import io.netty.channel.EventLoopGroup;
import io.pushbench.core.netty.NettyIo;
import io.pushbench.core.spec.SendTiming;
import io.pushbench.core.record.LatencyRecorder;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongPredicate;

/**
 * Sends on a {@link SendPlan}: message {@code i} is handed to an {@link Action} at its planned
 * time, never "when the previous one finished". When the sender falls behind (a slow action, a
 * pause of the process), the messages that came due meanwhile are sent at once, one after
 * another, each still stamped with its own planned time, so the delay shows up in latency
 * measured from the plan (this is what corrects coordinated omission). How late each send was is
 * recorded in {@link #lag()}.
 *
 * <p>The plan is split into {@link Shard}s, one per I/O thread: each shard sends the messages it
 * {@linkplain Shard#owns owns}, as timers on its own executor (an event loop), so a send runs on
 * the thread that writes to the socket and needs no hand-off. After each wake-up the shard's
 * {@link Shard#afterBatch} runs once: that is where the connections written to are flushed.
 * {@link SendTiming} says how often a shard may wake, or asks for one spinning thread instead.
 *
 * <p>If it is still behind when the plan ends, it keeps sending for at most the grace period,
 * then stops; {@link #sent()} says how far it got.
 *
 * <p>Thread-safe; {@link #start} once.
 */
public final class ScheduledSender {

    /** Receives each planned send, on its shard's thread. */
    @FunctionalInterface
    public interface Action {
        /**
         * @param sequence      index of the message in the plan
         * @param intendedNanos its planned send time, {@link System#nanoTime()} scale
         */
        void send(long sequence, long intendedNanos);
    }

    /**
     * The part of the plan that one thread sends.
     *
     * @param executor   where the shard's timers run (an event loop), or null for a thread of the sender's own
     * @param owns       which message indices this shard sends; the shards of one sender own each index once
     * @param action     sends one message
     * @param afterBatch runs after each wake-up that sent something (flushes what the actions wrote)
     */
    public record Shard(ScheduledExecutorService executor, LongPredicate owns, Action action, Runnable afterBatch) {
        public Shard {
            Objects.requireNonNull(owns, "owns");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(afterBatch, "afterBatch");
        }

        /** A shard that sends every message of the plan on a thread of the sender's own. */
        public static Shard all(Action action) {
            return new Shard(null, i -> true, action, () -> { });
        }
    }

    /**
     * Most messages one wake-up sends before it lets the event loop do its I/O: a sender far behind
     * its plan must not starve the reads that measure what it sent.
     */
    static final int MAX_BATCH = 256;
    /** In spin mode, below this much time to wait the thread spins instead of parking (park overshoots). */
    private static final long SPIN_THRESHOLD_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    private final String name;
    private final SendPlan plan;
    private final long graceNanos;
    private final SendTiming timing;
    private final List<Shard> shards;
    private final LatencyRecorder lag;
    private final List<ShardTimer> timers = new ArrayList<>();
    private CountDownLatch finished;
    private EventLoopGroup ownLoop;
    private Thread spinner;
    private volatile long spinNext;
    private volatile boolean stopRequested;

    /** A sender of the whole plan on a thread of its own, with the default {@link SendTiming}. */
    public ScheduledSender(String name, SendPlan plan, long graceNanos, Action action) {
        this(name, plan, graceNanos, SendTiming.defaults(), List.of(Shard.all(action)), newLagRecorder());
    }

    /** A recorder for {@link #lag()}, tagged as schedule lag in histogram logs. */
    public static LatencyRecorder newLagRecorder() {
        return new LatencyRecorder("schedule-lag");
    }

    /**
     * @param name       names the sender's own thread, if it needs one
     * @param graceNanos how long after the end of the plan a late sender may go on catching up
     * @param shards     at least one; together they own every index of the plan exactly once
     * @param lag        records how late each send was, nanoseconds
     */
    public ScheduledSender(String name, SendPlan plan, long graceNanos, SendTiming timing, List<Shard> shards,
                           LatencyRecorder lag) {
        if (shards.isEmpty()) {
            throw new IllegalArgumentException("a sender needs at least one shard");
        }
        this.name = name;
        this.plan = plan;
        this.graceNanos = graceNanos;
        this.timing = timing;
        this.shards = List.copyOf(shards);
        this.lag = Objects.requireNonNull(lag, "lag");
    }

    /** Starts sending; message 0 is due at {@code startNanos}. */
    public synchronized void start(long startNanos) {
        long hardStop = startNanos + plan.totalNanos() + graceNanos;
        if (timing.spin()) {
            finished = new CountDownLatch(1);
            spinner = new Thread(() -> spin(startNanos, hardStop), name);
            spinner.setDaemon(true);
            spinner.start();
            return;
        }
        finished = new CountDownLatch(shards.size());
        for (Shard shard : shards) {
            ScheduledExecutorService executor = shard.executor();
            if (executor == null) {
                if (ownLoop == null) {
                    ownLoop = NettyIo.newGroup(name, 1);
                }
                executor = ownLoop.next();
            }
            ShardTimer timer = new ShardTimer(shard, executor, startNanos, hardStop);
            timers.add(timer);
            timer.schedule(startNanos);
        }
    }

    /** Waits for the sender to finish the plan (or its grace period). */
    public void join() throws InterruptedException {
        CountDownLatch done;
        synchronized (this) {
            done = finished;
        }
        if (done != null) {
            done.await();
        }
        synchronized (this) {
            if (ownLoop != null) {
                NettyIo.shutdown(ownLoop);
                ownLoop = null;
            }
        }
    }

    /** Asks the sender to stop after its current send. */
    public void stop() {
        stopRequested = true;
        Thread s = spinner;
        if (s != null) {
            LockSupport.unpark(s);
        }
        List<ShardTimer> current;
        synchronized (this) {
            current = List.copyOf(timers);
        }
        current.forEach(ShardTimer::wake);
    }

    /**
     * Messages sent so far, as a prefix of the plan: every message below this index was sent (the
     * next one some shard has still to send has this index).
     */
    public long sent() {
        if (timing.spin()) {
            return spinNext;
        }
        List<ShardTimer> current;
        synchronized (this) {
            current = List.copyOf(timers);
        }
        long low = current.isEmpty() ? 0 : Long.MAX_VALUE;
        for (ShardTimer timer : current) {
            low = Math.min(low, timer.next);
        }
        return low;
    }

    /** How late each send went out against the plan, nanoseconds. */
    public LatencyRecorder lag() {
        return lag;
    }

    /** The opt-in spinning sender: one thread, every message in plan order, each flushed on its own. */
    private void spin(long start, long hardStop) {
        try {
            long end = plan.endExclusive();
            for (long i = 0; i < end && !stopRequested; i++) {
                long due = start + plan.offsetNanos(i);
                long now = spinUntil(due);
                if (stopRequested || now > hardStop) {
                    break;
                }
                for (Shard shard : shards) {
                    if (shard.owns().test(i)) {
                        lag.record(now - due);
                        shard.action().send(i, due);
                        shard.afterBatch().run();
                        break;
                    }
                }
                spinNext = i + 1;
            }
        } finally {
            finished.countDown();
        }
    }

    private long spinUntil(long due) {
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

    /**
     * One shard's timer chain on its executor. Only the executor's thread runs it, so its state needs
     * no lock; {@link #next} is read by other threads for {@link #sent()} only.
     */
    private final class ShardTimer implements Runnable {
        private final Shard shard;
        private final ScheduledExecutorService executor;
        private final long start;
        private final long hardStop;
        private final long end = plan.endExclusive();
        private final long resolutionNanos = timing.resolution().toNanos();
        /** The next index this shard owns and has not sent; {@code end} once done. */
        private volatile long next;
        /** Set on the executor's thread once the chain ended. */
        private boolean done;
        /**
         * The time the current wake-up was scheduled for. The next one is due no sooner than this plus the
         * resolution, counted from the schedule and not from when the thread actually woke: counted from the
         * wake-up, every wake-up's timer slack would push the next one later, and a loop whose messages
         * come once per resolution would send each of them late by the slack of all before.
         */
        private long target;
        /** Whether this shard has counted down {@link #finished}; guarded by this timer's lock. */
        private boolean countedDown;

        ShardTimer(Shard shard, ScheduledExecutorService executor, long start, long hardStop) {
            this.shard = shard;
            this.executor = executor;
            this.start = start;
            this.hardStop = hardStop;
            this.next = nextOwned(0);
        }

        @Override
        public void run() {
            if (done) {
                return;
            }
            long now = System.nanoTime();
            if (stopRequested || now > hardStop) {
                finish();
                return;
            }
            int batch = 0;
            long i = next;
            long due = Long.MAX_VALUE;
            try {
                while (i < end) {
                    due = start + plan.offsetNanos(i);
                    if (due > now || batch == MAX_BATCH) {
                        break;
                    }
                    // Read again for each send: a slow action makes the later sends of a batch later still,
                    // and a batch must not run past the grace period.
                    now = Math.max(now, System.nanoTime());
                    if (now > hardStop || stopRequested) {
                        break;
                    }
                    lag.record(now - due);
                    shard.action().send(i, due);
                    batch++;
                    i = nextOwned(i + 1);
                    next = i;
                }
            } finally {
                if (batch > 0) {
                    shard.afterBatch().run();
                }
            }
            if (i >= end || now > hardStop || stopRequested) {
                finish();
            } else if (batch == MAX_BATCH) {
                submit(0);
            } else {
                target = Math.max(due, target + resolutionNanos);
                submit(target - System.nanoTime());
            }
        }

        /** Wakes the chain now, so that a stop is seen at once rather than at the next due time. */
        void wake() {
            submit(0);
        }

        void schedule(long atNanos) {
            target = atNanos;
            submit(atNanos - System.nanoTime());
        }

        private void submit(long delayNanos) {
            try {
                if (delayNanos <= 0) {
                    executor.execute(this);
                } else {
                    executor.schedule(this, delayNanos, TimeUnit.NANOSECONDS);
                }
            } catch (RejectedExecutionException e) {
                // The event loop is shutting down (its driver closed): nothing more can be sent.
                finishFromAnyThread();
            }
        }

        private long nextOwned(long from) {
            long i = from;
            while (i < end && !shard.owns().test(i)) {
                i++;
            }
            return i;
        }

        private void finish() {
            done = true;
            finishFromAnyThread();
        }

        private synchronized void finishFromAnyThread() {
            if (countedDown) {
                return;
            }
            countedDown = true;
            finished.countDown();
        }
    }
}
