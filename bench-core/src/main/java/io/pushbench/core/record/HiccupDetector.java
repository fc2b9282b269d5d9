package io.pushbench.core.record;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongPredicate;

/**
 * Notices when this process does not run when it should, as jHiccup does: a thread asks to sleep
 * {@value #RESOLUTION_MICROS} µs again and again and records how much longer than that each sleep
 * took (its hiccup). Every sleep overshoots by the platform's timer slack (about 0.1 ms on a
 * virtual machine); longer hiccups are stalls: the operating system or hypervisor ran something
 * else, or the JVM held its threads at a safepoint. What counts as a stall is decided from the
 * recorded values afterwards, against the run's own baseline
 * ({@link io.pushbench.core.result.SelfHealth.PlatformStalls#ofHiccups}).
 *
 * <p>Thread-safe; {@link #start} and {@link #stop} once each.
 */
public final class HiccupDetector {

    /** How long each probe sleeps, microseconds: the smallest hiccup that can be told from a sleep. */
    public static final long RESOLUTION_MICROS = 1000;

    private final LatencyRecorder hiccups;
    private final LongPredicate counts;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param hiccups where each probe's overshoot is recorded, nanoseconds
     * @param counts  whether a probe due to wake at this {@link System#nanoTime()} is recorded (the measured phase)
     */
    public HiccupDetector(LatencyRecorder hiccups, LongPredicate counts) {
        this.hiccups = hiccups;
        this.counts = counts;
        this.thread = new Thread(this::run, "hiccup-detector");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Stops the probe thread and waits for it. */
    public void stop() throws InterruptedException {
        running = false;
        thread.join(1000);
    }

    private void run() {
        long resolution = TimeUnit.MICROSECONDS.toNanos(RESOLUTION_MICROS);
        while (running) {
            long due = System.nanoTime() + resolution;
            LockSupport.parkNanos(resolution);
            if (counts.test(due)) {
                hiccups.record(Math.max(0, System.nanoTime() - due));
            }
        }
    }
}
