package io.pushbench.report;

import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;

/**
 * The x axis of a percentile distribution, as HdrHistogram plots it: position {@code 1/(1-p)} on a
 * log scale, so that each added "nine" (90%, 99%, 99.9%, ...) takes the same width and the tail,
 * where transports differ, gets as much room as the median. Ticks are labelled as percentiles.
 */
final class PercentileAxis {

    /** The axis position of the highest percentile shown, 99.99%: exactly a power of ten, so that its tick is drawn. */
    static final double MAX_POSITION = 10_000;

    private PercentileAxis() {
    }

    /** The percentile, in percent, at an axis position {@code >= 1}: the inverse of {@code 1/(1-p)}. */
    static double percentile(double position) {
        return 100 * (1 - 1 / position);
    }

    /** A new axis from 0% to 99.99%, one labelled tick per nine. */
    static LogAxis create() {
        LogAxis axis = new LogAxis("percentile");
        axis.setBase(10);
        axis.setSmallestValue(1);
        axis.setAutoRange(false);
        axis.setRange(1, MAX_POSITION);
        axis.setTickUnit(new NumberTickUnit(1));
        axis.setMinorTickMarksVisible(false);
        axis.setNumberFormatOverride(new Labels());
        return axis;
    }

    /** Formats an axis position as its percentile: 1 as {@code 0%}, 1000 as {@code 99.9%}. */
    static String label(double position) {
        double nines = Math.log10(position);
        int decimals = (int) Math.max(0, Math.round(nines) - 2);
        return String.format(Locale.ROOT, "%." + decimals + "f%%", percentile(position));
    }

    /** The tick labels; JFreeChart only ever formats with this. */
    private static final class Labels extends NumberFormat {
        @Override
        public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
            return toAppendTo.append(label(number));
        }

        @Override
        public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
            return format((double) number, toAppendTo, pos);
        }

        @Override
        public Number parse(String source, ParsePosition parsePosition) {
            throw new UnsupportedOperationException("tick labels are only formatted");
        }
    }
}
