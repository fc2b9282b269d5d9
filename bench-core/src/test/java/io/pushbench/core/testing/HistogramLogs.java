package io.pushbench.core.testing;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads a histogram log as tests look at it: every interval of a tag added up. */
public final class HistogramLogs {

    private HistogramLogs() {
    }

    /**
     * The sum of every interval histogram in {@code log}, by tag (values as logged: nanoseconds).
     *
     * @throws FileNotFoundException if there is no such file
     */
    public static Map<String, Histogram> totalsByTag(Path log) throws FileNotFoundException {
        Map<String, Histogram> totals = new TreeMap<>();
        HistogramLogReader reader = new HistogramLogReader(log.toFile());
        Histogram interval;
        while ((interval = (Histogram) reader.nextIntervalHistogram()) != null) {
            int digits = interval.getNumberOfSignificantValueDigits();
            totals.computeIfAbsent(String.valueOf(interval.getTag()), tag -> new Histogram(digits)).add(interval);
        }
        return totals;
    }

    /**
     * How many intervals of {@code tag} a log that may still be being written holds so far: its
     * lines that start with the tag; 0 while the file does not exist yet. For waiting on a run's progress.
     */
    public static long intervalsWritten(Path log, String tag) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        String prefix = "Tag=" + tag + ",";
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(line -> line.startsWith(prefix)).count();
        }
    }

    /** How many values of {@code histogram} are at least {@code value} (to the histogram's precision). */
    public static long countAtLeast(Histogram histogram, long value) {
        if (histogram.getTotalCount() == 0 || histogram.getMaxValue() < histogram.lowestEquivalentValue(value)) {
            return 0;
        }
        return histogram.getCountBetweenValues(value, histogram.getMaxValue());
    }
}
