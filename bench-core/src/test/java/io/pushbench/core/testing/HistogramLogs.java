package io.pushbench.core.testing;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

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

    /** How many values of {@code histogram} are at least {@code value} (to the histogram's precision). */
    public static long countAtLeast(Histogram histogram, long value) {
        if (histogram.getTotalCount() == 0 || histogram.getMaxValue() < histogram.lowestEquivalentValue(value)) {
            return 0;
        }
        return histogram.getCountBetweenValues(value, histogram.getMaxValue());
    }
}
