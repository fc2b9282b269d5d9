package io.pushbench.report;

import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.result.Metrics;
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
    P50("p50", "ms", Better.LOWER, 3, null, r -> latencyMillis(r, LatencySummary::p50)),
    P90("p90", "ms", Better.LOWER, 3, null, r -> latencyMillis(r, LatencySummary::p90)),
    P99("p99", "ms", Better.LOWER, 3, null, r -> latencyMillis(r, LatencySummary::p99)),
    P999("p99.9", "ms", Better.LOWER, 3, null, r -> latencyMillis(r, LatencySummary::p999)),
    MAX("max", "ms", Better.LOWER, 3, null, r -> latencyMillis(r, LatencySummary::max)),
    DELIVERED("delivered", "msg/s", Better.HIGHER, 1,
            "distinct messages received per second, summed over all connections", r -> OptionalDouble.of(r.deliveredPerSecond())),
    LOST("lost", "msg", Better.LOWER, 0, "messages sent in the measured phase that a receiver never got",
            r -> r.delivery() == null ? OptionalDouble.empty() : OptionalDouble.of(r.delivery().lost())),
    ERRORS("errors", "", Better.LOWER, 0, null,
            r -> OptionalDouble.of(r.errors().values().stream().mapToLong(Long::longValue).sum())),
    RECONNECTS("reconnects", "", Better.LOWER, 0, "connections lost and opened again during the run",
            r -> r.connections() == null ? OptionalDouble.empty() : OptionalDouble.of(r.connections().reconnects())),
    DOWNTIME("downtime", "s", Better.LOWER, 1, "the reconnects' downtime added up over every connection",
            r -> r.connections() == null ? OptionalDouble.empty() : OptionalDouble.of(r.connections().downtimeSeconds())),
    LOST_IN_GAPS("lost in gaps", "msg", Better.LOWER, 0,
            "of the lost messages, those missed while a connection was reconnecting (not known for echo)",
            r -> r.delivery() == null || r.delivery().lostInGaps() < 0 ? OptionalDouble.empty()
                    : OptionalDouble.of(r.delivery().lostInGaps())),
    WIRE("wire", "B/msg", Better.LOWER, 1,
            "bytes on the wire at the client's sockets, both directions, per delivered message", Figure::wireBytesPerMessage),
    SERVER_CPU("server CPU", "\u00B5s/msg", Better.LOWER, 1,
            "CPU time of the in-process reference server per delivered message",
            r -> cpuPerMessage(r, r.selfHealth() == null ? -1 : r.selfHealth().serverCpuMicrosPerMessage())),
    GENERATOR_CPU("pushbench CPU", "\u00B5s/msg", Better.LOWER, 1,
            "CPU time of pushbench itself (publisher, clients, recording) per delivered message",
            r -> cpuPerMessage(r, r.selfHealth() == null ? -1 : r.selfHealth().generatorCpuMicrosPerMessage())),
    FAN_OUT_P99("fan-out p99", "ms", Better.LOWER, 3,
            "how far apart the first and the last subscriber received a message, 99th percentile", Figure::fanOutSpreadP99);

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
    private final String meaning;
    private final Function<TransportResult, OptionalDouble> extractor;

    Figure(String title, String unit, Better better, int decimals, String meaning,
           Function<TransportResult, OptionalDouble> extractor) {
        this.title = title;
        this.unit = unit;
        this.better = better;
        this.decimals = decimals;
        this.meaning = meaning;
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

    /** What the figure is, for a note under a table, or {@code null} when its title says it all. */
    String meaning() {
        return meaning;
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

    /** CPU per message: unknown ({@code < 0}, e.g. a server in another process) or per nothing delivered is left blank. */
    private static OptionalDouble cpuPerMessage(TransportResult r, double micros) {
        boolean delivered = r.delivery() != null && r.delivery().received() > 0;
        return micros < 0 || !delivered ? OptionalDouble.empty() : OptionalDouble.of(micros);
    }

    /** For broadcast: how far apart the first and the last subscriber received a message, 99th percentile, ms. */
    private static OptionalDouble fanOutSpreadP99(TransportResult r) {
        LatencySummary spread = r.latency().get(Metrics.FAN_OUT_SPREAD);
        return spread == null || spread.count() == 0 ? OptionalDouble.empty() : OptionalDouble.of(spread.p99() / 1000);
    }

    /** Wire bytes mean nothing when nothing was delivered (the figure would read as a perfect 0). */
    private static OptionalDouble wireBytesPerMessage(TransportResult r) {
        if (r.wire() == null || r.delivery() == null || r.delivery().received() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(r.wire().bytesPerMessage());
    }
}
