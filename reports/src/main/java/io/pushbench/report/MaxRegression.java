package io.pushbench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How far each figure may get worse against a baseline before {@code report --max-regression}
 * fails: comma-separated {@code FIGURE:+PERCENT}, e.g. {@code p99:+20%,cpu-per-msg:+10%}. The
 * percentage is of the baseline's value, in the direction that is worse for the figure: up for
 * latencies, CPU and bytes, down for {@code delivered} (which may be written {@code delivered:-5%}).
 * Immutable.
 *
 * @param allowances the allowances, in the order written
 */
public record MaxRegression(List<Allowance> allowances) {

    private static final Pattern ALLOWANCE = Pattern.compile("\\s*([a-z0-9.-]+)\\s*:\\s*([+-]?)(\\d+(?:\\.\\d+)?)%\\s*");

    public MaxRegression {
        allowances = List.copyOf(allowances);
        if (allowances.isEmpty()) {
            throw new IllegalArgumentException("no allowance given, e.g. p99:+20%");
        }
    }

    /**
     * One figure's allowance.
     *
     * @param measure the figure
     * @param percent how much worse it may get, percent of the baseline's value, {@code >= 0}
     */
    public record Allowance(Measure measure, double percent) {
        /** As written, e.g. {@code p99:+20%} or {@code delivered:-5%}. */
        public String text() {
            String amount = percent == Math.rint(percent) ? Long.toString((long) percent) : Double.toString(percent);
            return measure.id() + ":" + (measure.figure().better() == Figure.Better.HIGHER ? "-" : "+") + amount + "%";
        }
    }

    /**
     * Reads allowances such as {@code p99:+20%,cpu-per-msg:+10%}.
     *
     * @throws IllegalArgumentException quoting the allowance that is wrong and saying what is valid
     */
    public static MaxRegression parse(String text) {
        List<Allowance> allowances = new ArrayList<>();
        for (String part : text.toLowerCase(Locale.ROOT).split(",", -1)) {
            Matcher m = ALLOWANCE.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + part.strip() + "' is not an allowance: write FIGURE:+PERCENT, "
                        + "e.g. p99:+20% (figures: " + Measure.ids() + ")");
            }
            Measure measure = Measure.fromId(m.group(1));
            if (measure == null) {
                throw new IllegalArgumentException("'" + part.strip() + "': unknown figure '" + m.group(1)
                        + "' (valid: " + Measure.ids() + "; lost messages and errors have no percentage: "
                        + "use --assert lost=0 or errors<1% for them)");
            }
            boolean lowerIsWorse = measure.figure().better() == Figure.Better.HIGHER;
            if (m.group(2).equals(lowerIsWorse ? "+" : "-")) {
                throw new IllegalArgumentException("'" + part.strip() + "': " + measure.id() + " gets worse as it "
                        + (lowerIsWorse ? "falls: write " + measure.id() + ":-" : "rises: write " + measure.id() + ":+")
                        + m.group(3) + "%");
            }
            allowances.add(new Allowance(measure, Double.parseDouble(m.group(3))));
        }
        return new MaxRegression(allowances);
    }

    /** The allowances as {@link #parse} reads them. */
    public String text() {
        return allowances.stream().map(Allowance::text).collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return text();
    }

    /**
     * A figure a regression check can judge: its name (as in the objectives of {@code --assert}
     * where they share one), the report's figure, and how to read it from one interval of a
     * histogram log, for those the log holds.
     */
    public enum Measure {
        P50("p50", Figure.P50, 50),
        P90("p90", Figure.P90, 90),
        P99("p99", Figure.P99, 99),
        P999("p99.9", Figure.P999, 99.9),
        MAX("max", Figure.MAX, 100),
        DELIVERED("delivered", Figure.DELIVERED, -1),
        WIRE("wire", Figure.WIRE, Double.NaN),
        CPU("cpu-per-msg", Figure.SERVER_CPU, Double.NaN),
        PUSHBENCH_CPU("pushbench-cpu-per-msg", Figure.GENERATOR_CPU, Double.NaN);

        private final String id;
        private final Figure figure;
        private final double percentile;

        /**
         * @param percentile the latency percentile of each interval; -1 for the interval's count per second (the
         *                   delivery rate); NaN when the histogram log holds nothing of the figure
         */
        Measure(String id, Figure figure, double percentile) {
            this.id = id;
            this.figure = figure;
            this.percentile = percentile;
        }

        /** The name written in an allowance, e.g. {@code p99}. */
        public String id() {
            return id;
        }

        Figure figure() {
            return figure;
        }

        /** Whether each interval of a histogram log gives a value of this figure. */
        boolean inIntervals() {
            return !Double.isNaN(percentile);
        }

        /** This figure over one interval of the latency log: a percentile in nanoseconds, or a rate per second. */
        double of(HistogramLog.Interval interval) {
            if (percentile < 0) {
                return interval.histogram().getTotalCount() / Math.max(interval.lengthSeconds(), 1e-3);
            }
            return percentile >= 100 ? interval.histogram().getMaxValue()
                    : interval.histogram().getValueAtPercentile(percentile);
        }

        static Measure fromId(String id) {
            return Arrays.stream(values()).filter(m -> m.id.equals(id) || (m == P999 && id.equals("p999")))
                    .findFirst().orElse(null);
        }

        static String ids() {
            return Arrays.stream(values()).map(Measure::id).collect(Collectors.joining(", "));
        }
    }
}
