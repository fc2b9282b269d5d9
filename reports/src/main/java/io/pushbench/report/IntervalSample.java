package io.pushbench.report;

import java.util.Arrays;
import java.util.List;

/**
 * One figure over the full intervals of a run's histogram log (one value per second of the
 * measured phase): how much it varies within the run, and whether another run's values lie
 * higher. This is what tells a change from noise when two runs are compared. Immutable.
 */
final class IntervalSample {

    /** Fewer intervals than this in either run, and a sample tells nothing about noise. */
    static final int MIN_INTERVALS = 5;
    /**
     * One-sided 1% point of the standard normal distribution: the rank test calls a shift real
     * beyond it (with five intervals on each side, only when every value of one run lies beyond
     * every value of the other).
     */
    private static final double Z_ONE_PERCENT = 2.326;

    private final double[] sorted;

    private IntervalSample(double[] values) {
        this.sorted = values.clone();
        Arrays.sort(sorted);
    }

    /**
     * The figure over each full interval: intervals with fewer than half the median interval's
     * messages (the first and last, cut by the measured phase's edges, and those of the drain) are
     * left out, since a percentile of a few messages is noise of its own.
     */
    static IntervalSample of(List<HistogramLog.Interval> intervals, MaxRegression.Measure measure) {
        long[] counts = intervals.stream().mapToLong(i -> i.histogram().getTotalCount()).sorted().toArray();
        long median = counts.length == 0 ? 0 : counts[counts.length / 2];
        return new IntervalSample(intervals.stream()
                .filter(i -> i.histogram().getTotalCount() > 0 && i.histogram().getTotalCount() * 2 >= median)
                .mapToDouble(measure::of).toArray());
    }

    /** How many intervals the sample holds. */
    int size() {
        return sorted.length;
    }

    /** Whether it holds enough intervals to say how the figure varies. */
    boolean enough() {
        return sorted.length >= MIN_INTERVALS;
    }

    double median() {
        return quantile(0.5);
    }

    /** The value at quantile {@code q} (0 .. 1), by nearest rank. */
    double quantile(double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }

    /**
     * How far the middle half of the intervals spreads around the median, as a share of it: half the
     * interquartile range over the median; 0 when the median is 0. One stalled second among ten
     * moves it little, as it should: such a second is what the rank test and the median see through.
     */
    double relativeSpread() {
        double median = median();
        return median == 0 ? 0 : (quantile(0.75) - quantile(0.25)) / 2 / median;
    }

    /**
     * Whether {@code other}'s intervals lie higher than these beyond chance: a one-sided
     * Mann-Whitney rank test at 1%, normal approximation with continuity correction.
     */
    boolean lowerThan(IntervalSample other) {
        double u = 0;
        for (double mine : sorted) {
            for (double theirs : other.sorted) {
                u += theirs > mine ? 1 : theirs == mine ? 0.5 : 0;
            }
        }
        double n = sorted.length;
        double m = other.sorted.length;
        double sd = Math.sqrt(n * m * (n + m + 1) / 12);
        return sd > 0 && (u - n * m / 2 - 0.5) / sd >= Z_ONE_PERCENT;
    }
}
