package io.pushbench.core.engine;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import io.pushbench.core.result.SelfHealth;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;

/**
 * The pauses this JVM reports itself, for the runs that {@link #open} a window on them:
 * <ul>
 *   <li>stop-the-world garbage collections, from the collectors' own notifications
 *       ({@link GarbageCollectionNotificationInfo}): each one's duration, to the millisecond.
 *       Collectors that report concurrent cycles rather than pauses (ZGC's and Shenandoah's
 *       "Cycles", G1's "Concurrent GC") are left out;</li>
 *   <li>safepoints, every stop of all Java threads (GC pauses included), from JDK Flight
 *       Recorder ({@link SafepointStream}). On JDK 17 that is the only supported way to see each
 *       one: HotSpot's own safepoint counters sit in an MBean that needs {@code --add-exports},
 *       and the hiccup probe sees safepoints only mixed with every other stall. Flight Recorder
 *       is started once per process (about two seconds, before the first run measures
 *       anything); where it is not available, safepoints are reported as unknown.</li>
 * </ul>
 * One monitor per process ({@link #get}); it stays until the process ends.
 *
 * <p>Thread-safe.
 */
public final class JvmPauseMonitor {

    /** Longest wait for Flight Recorder to hand over the safepoints up to a window's end. */
    static final Duration CATCH_UP = Duration.ofSeconds(3);

    private static JvmPauseMonitor instance;

    private final List<Window> windows = new CopyOnWriteArrayList<>();
    /** {@link System#nanoTime()} at the JVM's start, to the millisecond: GC notifications count from there. */
    private final long nanoTimeAtJvmStart;
    private final SafepointStream safepoints;

    private JvmPauseMonitor() {
        nanoTimeAtJvmStart = System.nanoTime()
                - TimeUnit.MILLISECONDS.toNanos(ManagementFactory.getRuntimeMXBean().getUptime());
        NotificationListener onGc = this::onGc;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter && stopsTheWorld(gc.getName())) {
                emitter.addNotificationListener(onGc, n -> GarbageCollectionNotificationInfo
                        .GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType()), null);
            }
        }
        safepoints = safepointStream(this::onSafepoint);
    }

    /** The process's monitor, started on first use (then it may take a few seconds). */
    public static synchronized JvmPauseMonitor get() {
        if (instance == null) {
            instance = new JvmPauseMonitor();
        }
        return instance;
    }

    /** Whether safepoints can be seen in this JVM (Flight Recorder is available). */
    public boolean seesSafepoints() {
        return safepoints != null;
    }

    /**
     * Starts counting the pauses that end at a {@link System#nanoTime()} that {@code counts} accepts
     * (a run's measured phase), from now until the window is {@link Window#close closed}.
     */
    public Window open(LongPredicate counts) {
        Window window = new Window(counts);
        windows.add(window);
        return window;
    }

    /** Whether a collector's notifications are stop-the-world pauses rather than concurrent cycles. */
    static boolean stopsTheWorld(String collector) {
        String name = collector.toLowerCase(Locale.ROOT);
        return !name.contains("cycles") && !name.contains("concurrent");
    }

    private void onGc(Notification notification, Object handback) {
        GcInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
        long end = nanoTimeAtJvmStart + TimeUnit.MILLISECONDS.toNanos(info.getEndTime());
        long duration = TimeUnit.MILLISECONDS.toNanos(info.getDuration());
        for (Window w : windows) {
            w.gc.add(end, duration);
        }
    }

    private void onSafepoint(long endNanoTime, long durationNanos) {
        for (Window w : windows) {
            w.safepoints.add(endNanoTime, durationNanos);
        }
    }

    private static SafepointStream safepointStream(SafepointStream.Listener listener) {
        try {
            return new SafepointStream(listener);
        } catch (RuntimeException | LinkageError e) {
            // No Flight Recorder in this runtime (or no place for its repository): safepoints stay unknown.
            return null;
        }
    }

    /** The pauses of one run. Thread-safe: filled on the JVM's notification threads, read by the run's. */
    public final class Window {
        private final Pauses gc;
        private final Pauses safepoints;
        private long mark = -1;

        private Window(LongPredicate counts) {
            gc = new Pauses(counts);
            safepoints = new Pauses(counts);
        }

        /**
         * Asks the JVM to hand over what it has not reported yet, up to now: call it when the counted time
         * is over, so that {@link #close} waits less.
         */
        public synchronized void end() {
            if (mark < 0 && JvmPauseMonitor.this.safepoints != null) {
                mark = JvmPauseMonitor.this.safepoints.mark();
            }
        }

        /** Stops counting, without waiting for what the JVM has yet to report. */
        public void discard() {
            windows.remove(this);
        }

        /**
         * Waits until the pauses up to {@link #end} (or now) were reported, at most {@link #CATCH_UP}, stops
         * counting, and returns what was counted.
         */
        public SelfHealth.JvmPauses close() throws InterruptedException {
            end();
            SafepointStream stream = JvmPauseMonitor.this.safepoints;
            boolean complete = stream != null && stream.awaitMarked(mark, CATCH_UP);
            discard();
            return new SelfHealth.JvmPauses(gc.count(), gc.totalMillis(), gc.longestMillis(),
                    complete ? safepoints.count() : -1, complete ? safepoints.totalMillis() : -1,
                    complete ? safepoints.longestMillis() : -1);
        }
    }

    /** Pauses counted by their end time: how many, how long in all, the longest. */
    private static final class Pauses {
        private final LongPredicate counts;
        private long count;
        private long totalNanos;
        private long longestNanos;

        Pauses(LongPredicate counts) {
            this.counts = counts;
        }

        synchronized void add(long endNanoTime, long durationNanos) {
            if (counts.test(endNanoTime)) {
                count++;
                totalNanos += durationNanos;
                longestNanos = Math.max(longestNanos, durationNanos);
            }
        }

        synchronized long count() {
            return count;
        }

        synchronized double totalMillis() {
            return millis(totalNanos);
        }

        synchronized double longestMillis() {
            return millis(longestNanos);
        }

        private static double millis(long nanos) {
            return Math.round(nanos / 1e3) / 1e3;
        }
    }
}
