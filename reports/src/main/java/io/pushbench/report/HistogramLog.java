package io.pushbench.report;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The intervals of one histogram log, as written by the engine's {@code IntervalLog}: values in
 * nanoseconds, one interval histogram per tag (metric) per period.
 *
 * <p>A log whose run was killed may end in the middle of a line. Reading stops there: every
 * interval before it is kept, and {@link #truncated()} says that the log ended early, so a
 * report can show what the run measured and say that it is incomplete.
 *
 * <p>Immutable after {@link #read}; the histograms it hands out are its own, so callers must
 * not change them.
 */
final class HistogramLog {

    /** One interval of one metric. */
    record Interval(double startSeconds, double lengthSeconds, Histogram histogram) {
        /** Seconds since the log started at which this interval ended. */
        double endSeconds() {
            return startSeconds + lengthSeconds;
        }
    }

    private final String fileName;
    private final Map<String, List<Interval>> byTag;
    private final boolean truncated;
    private final long startMillis;

    private HistogramLog(String fileName, Map<String, List<Interval>> byTag, boolean truncated, long startMillis) {
        this.fileName = fileName;
        this.byTag = byTag;
        this.truncated = truncated;
        this.startMillis = startMillis;
    }

    /**
     * Reads a whole log. A damaged or cut-off tail ends the reading without an error.
     *
     * @throws ReportInputException if the file does not exist or cannot be read
     */
    static HistogramLog read(Path file) throws ReportInputException {
        String name = file.getFileName().toString();
        Map<String, List<Interval>> byTag = new LinkedHashMap<>();
        boolean damaged = false;
        Long firstStartMillis = null;
        try (InputStream in = Files.newInputStream(file)) {
            HistogramLogReader reader = new HistogramLogReader(in);
            while (true) {
                EncodableHistogram next;
                try {
                    next = reader.nextIntervalHistogram();
                } catch (RuntimeException e) {
                    // A line cut off by a killed run fails to parse or to inflate: keep what came before.
                    damaged = true;
                    break;
                }
                if (next == null) {
                    break;
                }
                if (!(next instanceof Histogram histogram)) {
                    continue;
                }
                long startMillis = histogram.getStartTimeStamp();
                if (firstStartMillis == null) {
                    firstStartMillis = reader.getStartTimeSec() > 0
                            ? Math.round(reader.getStartTimeSec() * 1000) : startMillis;
                }
                double start = (startMillis - firstStartMillis) / 1000.0;
                double length = Math.max(0, histogram.getEndTimeStamp() - startMillis) / 1000.0;
                String tag = histogram.getTag() == null ? "" : histogram.getTag();
                byTag.computeIfAbsent(tag, t -> new ArrayList<>()).add(new Interval(start, length, histogram));
            }
        } catch (NoSuchFileException e) {
            throw new ReportInputException(name + ": histogram log missing from " + file.getParent());
        } catch (IOException e) {
            throw new ReportInputException(name + ": cannot read (" + e.getMessage() + ")");
        }
        return new HistogramLog(name, byTag, damaged || endsMidLine(file),
                firstStartMillis == null ? 0 : firstStartMillis);
    }

    /** Whether the last byte is not a line end: the writer was stopped in the middle of a line. */
    private static boolean endsMidLine(Path file) throws ReportInputException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            if (raf.length() == 0) {
                return true;
            }
            raf.seek(raf.length() - 1);
            return raf.read() != '\n';
        } catch (IOException e) {
            throw new ReportInputException(file.getFileName() + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** The log's file name, e.g. {@code websocket-netty.hlog}. */
    String fileName() {
        return fileName;
    }

    /**
     * When the log started, milliseconds since the epoch (its {@code StartTime} line, else its
     * first interval's start), or 0 when it holds no interval: the origin of {@link Interval#startSeconds()}.
     */
    long startMillis() {
        return startMillis;
    }

    /** Whether the log ended early (cut off mid-line, or empty): the intervals are what it held. */
    boolean truncated() {
        return truncated;
    }

    /** The intervals of one metric, oldest first; empty if the log has none. */
    List<Interval> intervals(String tag) {
        return byTag.getOrDefault(tag, List.of());
    }

    /** Every interval of one metric added up: the whole run's histogram, nanoseconds; empty if none. */
    Histogram total(String tag) {
        // Auto-resizing, so that intervals of any range add up without loss.
        Histogram sum = new Histogram(3);
        for (Interval interval : intervals(tag)) {
            sum.add(interval.histogram());
        }
        return sum;
    }
}
