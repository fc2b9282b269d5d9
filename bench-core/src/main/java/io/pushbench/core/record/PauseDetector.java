package io.pushbench.core.record;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Notices when the JVM stops running threads (GC safepoints, the OS descheduling the process),
 * as jHiccup does: a thread asks to sleep {@value #RESOLUTION_MICROS} µs again and again and
 * records how much longer than that each sleep took. Those hiccups hit the generator too: a
 * message due during one is sent late (the schedule lag shows it) and a message received during
 * one is stamped late.
 *
 * <p>Thread-safe; {@link #start} and {@link #stop} once each.
 */
public final class PauseDetector {

    /** How long each probe sleeps, microseconds: the smallest pause that can be seen. */
    public static final long RESOLUTION_MICROS = 1000;

    private final LatencyRecorder pauses;
    private final Thread thread;
    private volatile boolean running = true;

    /** @param pauses where each probe's overshoot is recorded, nanoseconds */
    public PauseDetector(LatencyRecorder pauses) {
        this.pauses = pauses;
        this.thread = new Thread(this::run, "pause-detector");
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
            long before = System.nanoTime();
            LockSupport.parkNanos(resolution);
            pauses.record(Math.max(0, System.nanoTime() - before - resolution));
        }
    }
}
