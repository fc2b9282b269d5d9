package io.pushbench.report;

import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.SelfHealth;
import io.pushbench.core.result.TransportResult;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * How pushbench itself fared while it measured each transport: whether it kept to its schedule,
 * stalled, or ran out of CPU. A transport whose generator was saturated is marked; its figures
 * may describe the tool rather than the server.
 */
final class HealthSection implements Section {

    /** One column: title, unit, and the value as shown ({@code null} when the result lacks it). */
    private record Column(String title, String unit, Function<TransportResult, String> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("unsent", "msg", r -> String.format(Locale.ROOT, "%,d", r.selfHealth().unsentMessages())),
            new Column("schedule lag p99", "ms", r -> millis(r, Metrics.SCHEDULE_LAG, LatencySummary::p99)),
            new Column("JVM pause max", "ms", r -> millis(r, Metrics.JVM_PAUSE, LatencySummary::max)),
            new Column("GC", "ms", r -> String.format(Locale.ROOT, "%,d", r.selfHealth().gcMillis())),
            new Column("CPU use", "% of all CPUs",
                    r -> String.format(Locale.ROOT, "%.1f", 100 * r.selfHealth().cpuUtilisation())),
            new Column("pushbench CPU", "ms", r -> cpuMillis(r.selfHealth().generatorCpuMillis())),
            new Column("server CPU", "ms", r -> cpuMillis(r.selfHealth().serverCpuMillis())));

    private final List<TransportStats> transports;

    HealthSection(List<TransportStats> transports) {
        this.transports = transports;
    }

    /** Whether any transport's result holds the generator's health. */
    static boolean hasData(List<TransportStats> transports) {
        return transports.stream().anyMatch(t -> t.result().selfHealth() != null);
    }

    @Override
    public String id() {
        return "health";
    }

    @Override
    public String title() {
        return "Generator health";
    }

    @Override
    public void render(Html html) {
        html.open("div", "class", "scroll").open("table").open("tr").element("th", "transport", "class", "label")
                .element("th", "status", "class", "label");
        for (Column column : COLUMNS) {
            html.open("th").text(column.title()).element("span", column.unit(), "class", "unit").close("th");
        }
        html.close("tr");
        for (int i = 0; i < transports.size(); i++) {
            TransportResult r = transports.get(i).result();
            html.open("tr").open("td", "class", "label");
            SummarySection.swatch(html, Palette.color(i));
            html.text(r.label()).close("td");
            if (r.selfHealth() == null) {
                html.element("td", "\u2013", "class", "label");
            } else if (r.selfHealth().saturated()) {
                html.element("td", "saturated", "class", "label worse");
            } else {
                html.element("td", "ok", "class", "label");
            }
            for (Column column : COLUMNS) {
                String value = r.selfHealth() == null ? null : column.value().apply(r);
                html.element("td", value == null ? "\u2013" : value);
            }
            html.close("tr");
        }
        html.close("table").close("div");
        for (TransportStats t : transports) {
            SelfHealth health = t.result().selfHealth();
            if (health != null && !health.reasons().isEmpty()) {
                html.open("p").element("strong", t.label() + ":").text(" " + String.join("; ", health.reasons()))
                        .close("p");
            }
        }
        html.element("p", "A run is saturated when pushbench could not keep to its plan: messages left unsent, "
                + "sends late by more than a few milliseconds at p99, the JVM paused for a noticeable share of the "
                + "time, or the process used nearly all CPUs. Then the latency it reports is partly its own.",
                "class", "note");
    }

    private static String millis(TransportResult r, String metric, ToDoubleFunction<LatencySummary> pick) {
        LatencySummary summary = r.latency().get(metric);
        return summary == null || summary.count() == 0 ? null
                : String.format(Locale.ROOT, "%.3f", pick.applyAsDouble(summary) / 1000);
    }

    private static String cpuMillis(double millis) {
        return millis < 0 ? null : String.format(Locale.ROOT, "%,.0f", millis);
    }
}
