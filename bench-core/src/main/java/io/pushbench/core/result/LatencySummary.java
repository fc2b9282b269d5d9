package io.pushbench.core.result;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of one latency histogram, in microseconds.
 *
 * @param count number of values recorded
 * @param p50   median
 * @param p90   90th percentile
 * @param p99   99th percentile
 * @param p999  99.9th percentile
 * @param max   largest value
 * @param mean  arithmetic mean
 */
public record LatencySummary(long count, double p50, double p90, double p99, double p999, double max, double mean) {

    /** The unit of every figure here. */
    public static final String UNIT = "microseconds";

    /** Summarises a histogram whose values are nanoseconds. */
    public static LatencySummary ofNanos(Histogram h) {
        if (h.getTotalCount() == 0) {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0);
        }
        return new LatencySummary(h.getTotalCount(),
                micros(h.getValueAtPercentile(50)),
                micros(h.getValueAtPercentile(90)),
                micros(h.getValueAtPercentile(99)),
                micros(h.getValueAtPercentile(99.9)),
                micros(h.getMaxValue()),
                Math.round(h.getMean() / 10.0) / 100.0);
    }

    private static double micros(long nanos) {
        return Math.round(nanos / 10.0) / 100.0;
    }
}
