package io.pushbench.core.engine;

import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The JVM's safepoints, from JDK Flight Recorder's {@code jdk.SafepointBegin} and
 * {@code jdk.SafepointEnd} events streamed in-process: each safepoint, from the start of its
 * synchronisation (when threads are asked to stop) to its end, is one pause of every Java thread,
 * GC pauses included.
 *
 * <p>Flight Recorder hands events over in batches, about once a second, so a reader that wants
 * every safepoint up to a moment first {@link #mark}s that moment and then
 * {@link #awaitMarked waits} until the mark has come through: everything committed before it has
 * then come through too.
 *
 * <p>Thread-safe. Events are handled on the stream's own thread.
 */
final class SafepointStream implements AutoCloseable {

    /** Receives each safepoint, on the stream's thread. */
    @FunctionalInterface
    interface Listener {
        /**
         * @param endNanoTime    when it ended, in {@link System#nanoTime()} terms (to within Flight Recorder's clock)
         * @param durationNanos  from the start of its synchronisation to its end
         */
        void onSafepoint(long endNanoTime, long durationNanos);
    }

    /** A point in time the stream must have passed; committed by {@link #mark}. */
    @Name("io.pushbench.Mark")
    @Label("pushbench mark")
    @Enabled
    @StackTrace(false)
    static final class Mark extends Event {
        @Label("id")
        long id;
    }

    private static final String BEGIN = "jdk.SafepointBegin";
    private static final String END = "jdk.SafepointEnd";
    private static final String MARK = "io.pushbench.Mark";
    /** Longest wait for the stream to start: Flight Recorder itself takes about two seconds. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final RecordingStream stream;
    /** Begin time of each safepoint in progress, by id (one at a time); touched by the stream's thread only. */
    private final Map<Long, Instant> begun = new HashMap<>();
    /** {@link System#nanoTime()} less the epoch nanoseconds of the same moment. */
    private final long nanoTimeOffset;
    private long marked;
    private long seen;

    /**
     * Starts the stream (which starts Flight Recorder in this JVM if it is not running: about two
     * seconds the first time) and returns once its events come through (another second or so).
     *
     * @throws RuntimeException or {@link LinkageError} when Flight Recorder is not available here, or its
     *                          events do not come through
     */
    SafepointStream(Listener listener) {
        Instant now = Instant.now();
        this.nanoTimeOffset = System.nanoTime() - (now.getEpochSecond() * 1_000_000_000L + now.getNano());
        this.stream = new RecordingStream();
        stream.enable(BEGIN).withoutThreshold();
        stream.enable(END).withoutThreshold();
        stream.enable(Mark.class);
        stream.onEvent(BEGIN, e -> {
            if (begun.size() > 100) {
                begun.clear(); // ends that never came: keep the map from growing
            }
            begun.put(e.getLong("safepointId"), e.getStartTime());
        });
        stream.onEvent(END, e -> {
            Instant start = begun.remove(e.getLong("safepointId"));
            Instant end = e.getEndTime();
            long duration = Duration.between(start != null ? start : e.getStartTime(), end).toNanos();
            listener.onSafepoint(nanoTime(end), Math.max(0, duration));
        });
        stream.onEvent(MARK, this::seen);
        // Not startAsync(): its thread is no daemon and would keep the process alive after the last run.
        Thread thread = new Thread(stream::start, "safepoint-stream");
        thread.setDaemon(true);
        thread.start();
        awaitLive();
    }

    /**
     * Waits until a mark comes through: the recording runs and its events reach the listener. A mark
     * committed before the recording started is lost, so one is committed again until one arrives.
     *
     * @throws IllegalStateException if none does within {@link #START_TIMEOUT}
     */
    private void awaitLive() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (awaitMarked(mark(), Duration.ofMillis(1500))) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stream.close();
        throw new IllegalStateException("Flight Recorder's safepoint events did not come through");
    }

    /** Marks this moment; returns the mark to {@link #awaitMarked wait} for. */
    synchronized long mark() {
        Mark mark = new Mark();
        mark.id = ++marked;
        mark.commit();
        return mark.id;
    }

    /**
     * Waits until the mark has come through, so that every safepoint that ended before it was handed
     * to the listener, or until the timeout.
     *
     * @return whether it came through in time
     */
    synchronized boolean awaitMarked(long mark, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long remaining;
        while (seen < mark && (remaining = deadline - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
        }
        return seen >= mark;
    }

    private synchronized void seen(RecordedEvent mark) {
        seen = Math.max(seen, mark.getLong("id"));
        notifyAll();
    }

    private long nanoTime(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano() + nanoTimeOffset;
    }

    @Override
    public void close() {
        stream.close();
    }
}
