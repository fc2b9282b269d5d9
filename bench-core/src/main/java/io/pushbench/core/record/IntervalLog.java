package io.pushbench.core.record;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes the interval histograms of a set of {@link LatencyRecorder}s to a histogram log
 * (HdrHistogram's log format, readable by {@code HistogramLogReader}) once per interval while a
 * run goes, and keeps their running totals. Each recorder's intervals carry its tag.
 *
 * <p>The log is flushed after every interval, so a run that is killed leaves every interval
 * written before it died. Values in the log are nanoseconds.
 *
 * <p>Thread-safety: {@link #start}, {@link #stop} and {@link #total} are called by the run's
 * controlling thread; the interval task runs on the log's own thread.
 */
public final class IntervalLog implements Closeable {

    private final PrintStream out;
    private final HistogramLogWriter writer;
    private final Map<LatencyRecorder, Histogram> totals = new LinkedHashMap<>();
    private final Map<LatencyRecorder, Histogram> recycled = new LinkedHashMap<>();
    private final List<IntervalListener> listeners = new ArrayList<>();
    private final long intervalMillis;
    private ScheduledExecutorService timer;
    private volatile boolean recording;

    /** Receives each interval's histograms as they are written, e.g. for live progress. */
    public interface IntervalListener {
        /** Called on the log's thread with histograms it will reuse after the call returns. */
        void onInterval(Map<String, Histogram> intervals);
    }

    /**
     * @param file           the log file to create (replaced if it exists)
     * @param intervalMillis how often intervals are written, milliseconds, {@code >= 10}
     * @param recorders      what to log; their tags name them in the log
     */
    public IntervalLog(Path file, long intervalMillis, List<LatencyRecorder> recorders) {
        if (intervalMillis < 10) {
            throw new IllegalArgumentException("intervalMillis must be >= 10, was " + intervalMillis);
        }
        this.intervalMillis = intervalMillis;
        try {
            OutputStream stream = Files.newOutputStream(file);
            this.out = new PrintStream(stream, false, "US-ASCII");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create histogram log " + file + ": " + e.getMessage(), e);
        }
        this.writer = new HistogramLogWriter(out);
        for (LatencyRecorder r : recorders) {
            totals.put(r, LatencyRecorder.newHistogram());
            recycled.put(r, null);
        }
    }

    /** Adds a listener that sees every interval written. Call before {@link #start}. */
    public void addListener(IntervalListener listener) {
        listeners.add(listener);
    }

    /**
     * Writes the header, discards whatever the recorders hold (e.g. warm-up) and starts writing
     * an interval every period.
     *
     * @param comment a line describing the run, written into the log's header
     */
    public synchronized void start(String comment) {
        long nowMillis = System.currentTimeMillis();
        writer.outputComment("pushbench histogram log; values in nanoseconds; " + comment);
        writer.outputLogFormatVersion();
        writer.outputStartTime(nowMillis);
        writer.setBaseTime(nowMillis);
        writer.outputLegend();
        out.flush();
        for (LatencyRecorder r : totals.keySet()) {
            recycled.put(r, r.intervalHistogram(recycled.get(r)));
        }
        recording = true;
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "interval-log");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::writeInterval, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Stops the timer and writes what was recorded since the last interval. Idempotent. */
    public synchronized void stop() {
        if (!recording) {
            return;
        }
        timer.shutdown();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writeInterval();
        recording = false;
    }

    /** The sum of every interval written so far for {@code recorder}; a copy. */
    public synchronized Histogram total(LatencyRecorder recorder) {
        return totals.get(recorder).copy();
    }

    private synchronized void writeInterval() {
        if (!recording) {
            return;
        }
        Map<String, Histogram> intervals = new LinkedHashMap<>();
        for (Map.Entry<LatencyRecorder, Histogram> e : totals.entrySet()) {
            LatencyRecorder recorder = e.getKey();
            Histogram interval = recorder.intervalHistogram(recycled.get(recorder));
            recycled.put(recorder, interval);
            interval.setTag(recorder.tag());
            writer.outputIntervalHistogram(interval);
            e.getValue().add(interval);
            intervals.put(recorder.tag(), interval);
        }
        out.flush();
        for (IntervalListener listener : listeners) {
            listener.onInterval(intervals);
        }
    }

    @Override
    public void close() {
        stop();
        out.close();
    }
}
