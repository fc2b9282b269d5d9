package io.pushbench.report;

import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.result.TransportResult;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The figures a report shows for each transport, in column order: the summary table and the
 * run-to-run comparison both list these. To show a new figure of {@code result.json} (CPU per
 * message, say), add a constant here; a figure a result does not hold is left blank.
 */
enum Figure {
    P50("p50", "ms", Better.LOWER, 3, r -> latencyMillis(r, LatencySummary::p50)),
    P90("p90", "ms", Better.LOWER, 3, r -> latencyMillis(r, LatencySummary::p90)),
    P99("p99", "ms", Better.LOWER, 3, r -> latencyMillis(r, LatencySummary::p99)),
    P999("p99.9", "ms", Better.LOWER, 3, r -> latencyMillis(r, LatencySummary::p999)),
    MAX("max", "ms", Better.LOWER, 3, r -> latencyMillis(r, LatencySummary::max)),
    DELIVERED("delivered", "msg/s", Better.HIGHER, 1, r -> OptionalDouble.of(r.deliveredPerSecond())),
    LOST("lost", "msg", Better.LOWER, 0,
            r -> r.delivery() == null ? OptionalDouble.empty() : OptionalDouble.of(r.delivery().lost())),
    ERRORS("errors", "", Better.LOWER, 0,
            r -> OptionalDouble.of(r.errors().values().stream().mapToLong(Long::longValue).sum())),
    WIRE("wire", "B/msg", Better.LOWER, 1, Figure::wireBytesPerMessage);

    /** Which way a figure improves. */
    enum Better {
        LOWER, HIGHER;

        /** Whether {@code a} is better than {@code b}. */
        boolean prefers(double a, double b) {
            return this == LOWER ? a < b : a > b;
        }
    }

    private final String title;
    private final String unit;
    private final Better better;
    private final int decimals;
    private final Function<TransportResult, OptionalDouble> extractor;

    Figure(String title, String unit, Better better, int decimals, Function<TransportResult, OptionalDouble> extractor) {
        this.title = title;
        this.unit = unit;
        this.better = better;
        this.decimals = decimals;
        this.extractor = extractor;
    }

    /** Short column title, e.g. {@code p99.9}. */
    String title() {
        return title;
    }

    /** Unit of the value, e.g. {@code ms}; empty for plain counts. */
    String unit() {
        return unit;
    }

    /** Which way this figure improves. */
    Better better() {
        return better;
    }

    /** The figure for one transport, or empty when the result does not hold it. */
    OptionalDouble of(TransportResult result) {
        return extractor.apply(result);
    }

    /** The value rounded as it is shown, so that values that look equal compare equal. */
    double shown(double value) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** The value with this figure's decimals, e.g. {@code 1.353}; English digits whatever the locale. */
    String format(double value) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    /** The latency the summary is about (corrected, of the workload's kind), in milliseconds. */
    private static OptionalDouble latencyMillis(TransportResult r, ToDoubleFunction<LatencySummary> pick) {
        LatencySummary summary = r.latency().get(TransportStats.correctedMetric(r));
        if (summary == null || summary.count() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(pick.applyAsDouble(summary) / 1000);
    }

    /** Wire bytes mean nothing when nothing was delivered (the figure would read as a perfect 0). */
    private static OptionalDouble wireBytesPerMessage(TransportResult r) {
        if (r.wire() == null || r.delivery() == null || r.delivery().received() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(r.wire().bytesPerMessage());
    }
}
