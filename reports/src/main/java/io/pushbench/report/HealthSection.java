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
 * How pushbench itself fared while it measured each transport, each thing seen apart: whether it
 * kept to its schedule and read on time (the only two that mark it saturated), against how late
 * an idle thread of the process ran; the JVM's pauses; the platform's stalls; its CPU. A transport
 * whose generator was saturated is marked; its figures may describe the tool rather than the
 * server. Results written before a figure existed show a dash for it.
 */
final class HealthSection implements Section {

    /** One column: title, unit, and the value as shown ({@code null} when the result lacks it). */
    private record Column(String title, String unit, Function<TransportResult, String> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("unsent", "msg", r -> String.format(Locale.ROOT, "%,d", r.selfHealth().unsentMessages())),
            new Column("schedule lag p99", "ms", r -> millis(r, Metrics.SCHEDULE_LAG, LatencySummary::p99)),
            new Column("I/O lag p99", "ms", r -> millis(r, Metrics.IO_LAG, LatencySummary::p99)),
            new Column("idle thread p99", "ms", r -> stalls(r, s -> format("%.3f", s.p99Micros() / 1000))),
            new Column("JVM paused", "ms, longest", r -> pauses(r,
                    p -> format("%.1f, %.1f", p.pausedMillis(), p.longestMillis()))),
            new Column("GC pauses", "count, ms", r -> pauses(r,
                    p -> format("%,d, %.1f", p.gcPauses(), p.gcPauseMillis()))),
            new Column("platform stalls", "count, ms, longest", r -> stalls(r,
                    s -> format("%,d, %.1f, %.1f", s.stalls(), s.totalMillis(), s.longestMillis()))),
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
                html.open("p").element("strong", t.label() + ", saturated:")
                        .text(" " + String.join("; ", health.reasons())).close("p");
            }
            if (health != null && !health.warnings().isEmpty()) {
                html.open("p").element("strong", t.label() + ", seen:")
                        .text(" " + String.join("; ", health.warnings())).close("p");
            }
        }
        html.element("p", "A run is saturated only when pushbench fell behind its plan (messages left unsent, or "
                + "sends late at p99 by more than 5 ms beyond an idle thread of the same process) or could not read "
                + "what arrived (its I/O threads that late): then the latency it reports is partly its own. JVM "
                + "pauses (GC and safepoints, as the JVM reports them), platform stalls (an idle thread's sleeps "
                + "overshooting the run's own median by more than 1 ms, as jHiccup sees them) and CPU use are shown "
                + "apart and warned about, but delay every thread alike and are no verdict by themselves.",
                "class", "note");
    }

    private static String millis(TransportResult r, String metric, ToDoubleFunction<LatencySummary> pick) {
        LatencySummary summary = r.latency().get(metric);
        return summary == null || summary.count() == 0 ? null
                : String.format(Locale.ROOT, "%.3f", pick.applyAsDouble(summary) / 1000);
    }

    private static String pauses(TransportResult r, Function<SelfHealth.JvmPauses, String> show) {
        return r.selfHealth().jvmPauses() == null ? null : show.apply(r.selfHealth().jvmPauses());
    }

    private static String stalls(TransportResult r, Function<SelfHealth.PlatformStalls, String> show) {
        return r.selfHealth().platformStalls() == null ? null : show.apply(r.selfHealth().platformStalls());
    }

    private static String format(String format, Object... values) {
        return String.format(Locale.ROOT, format, values);
    }

    private static String cpuMillis(double millis) {
        return millis < 0 ? null : String.format(Locale.ROOT, "%,.0f", millis);
    }
}
