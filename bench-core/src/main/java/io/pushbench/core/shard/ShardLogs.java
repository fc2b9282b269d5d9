package io.pushbench.core.shard;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds the shards' histogram logs exactly: every interval histogram of every shard, kept whole and
 * tagged as it was, so the totals per tag are the sums HdrHistogram itself computes
 * ({@link Histogram#add}), and the merged log holds every interval in order of its start time.
 */
final class ShardLogs {

    private ShardLogs() {
    }

    /** Every interval of the log at {@code file}, in the order written; empty when the file does not exist. */
    static List<Histogram> intervals(Path file) throws IOException {
        List<Histogram> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        HistogramLogReader reader;
        try {
            reader = new HistogramLogReader(file.toFile());
        } catch (FileNotFoundException e) {
            return out;
        }
        try {
            EncodableHistogram h;
            while ((h = nextOrNull(reader)) != null) {
                if (h instanceof Histogram histogram) {
                    out.add(histogram);
                }
            }
        } finally {
            reader.close();
        }
        return out;
    }

    /** The next interval; null at the end, or at a last line cut short by a shard that was killed while writing. */
    private static EncodableHistogram nextOrNull(HistogramLogReader reader) {
        try {
            return reader.nextIntervalHistogram();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The sum of {@code intervals} by tag. */
    static Map<String, Histogram> totals(List<Histogram> intervals) {
        Map<String, Histogram> totals = new LinkedHashMap<>();
        for (Histogram h : intervals) {
            String tag = h.getTag() == null ? "" : h.getTag();
            Histogram total = totals.computeIfAbsent(tag, t -> {
                // Auto-resizing, same precision: the buckets, and so every percentile, are those of the shards'.
                Histogram fresh = new Histogram(h.getNumberOfSignificantValueDigits());
                fresh.setTag(t);
                return fresh;
            });
            total.add(h);
        }
        return totals;
    }

    /** Writes {@code intervals} to a log at {@code file}, sorted by start time. */
    static void write(Path file, List<Histogram> intervals, String comment) throws IOException {
        List<Histogram> sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparingLong(Histogram::getStartTimeStamp));
        long base = sorted.isEmpty() ? System.currentTimeMillis() : sorted.get(0).getStartTimeStamp();
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, "US-ASCII")) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputComment("pushbench histogram log; values in nanoseconds; " + comment);
            writer.outputLogFormatVersion();
            writer.outputStartTime(base);
            writer.setBaseTime(base);
            writer.outputLegend();
            for (Histogram h : sorted) {
                writer.outputIntervalHistogram(h);
            }
        }
    }
}
