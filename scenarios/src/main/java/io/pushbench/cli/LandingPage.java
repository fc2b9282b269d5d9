package io.pushbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.GeneratorFloorResult;
import io.pushbench.core.result.JmhDigest;
import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.RunResult;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.spec.Ramp;
import io.pushbench.core.spec.Workload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The bench run's {@code index.html}: one row per scenario and transport with its headline
 * figures, links to each scenario's report and result.json, and the JMH results: linked, digested
 * as the bench profile prints them, and tabulated. Self-contained HTML, read from the result files only.
 */
final class LandingPage {

    /**
     * @param name        scenario name, also its result directory's name
     * @param description the question it answers
     * @param error       why it failed, or null
     */
    record Entry(String name, String description, String error) {
    }

    private LandingPage() {
    }

    /**
     * Writes {@code dir/index.html}.
     *
     * @param dir      the bench output directory, holding one result directory per entry
     * @param entries  the scenarios, in page order
     * @param jmhFiles JMH JSON result files in {@code dir}, linked and digested ({@link JmhDigest}) on the page
     * @return the page's path
     */
    static Path write(Path dir, List<Entry> entries, List<Path> jmhFiles) throws IOException {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>pushbench bench</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;")
                .append("margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}")
                .append("td:first-child,th:first-child{text-align:left}.error{color:#b00}.warn{color:#b60}</style>")
                .append("</head><body>\n<h1>pushbench: scenario catalogue</h1>\n");
        for (Entry entry : entries) {
            html.append("<h2>").append(escape(entry.name())).append("</h2>\n<p>").append(escape(entry.description()))
                    .append("</p>\n");
            if (entry.error() != null) {
                html.append("<p class=\"error\">failed: ").append(escape(entry.error())).append("</p>\n");
                continue;
            }
            Path results = dir.resolve(entry.name());
            html.append("<p>");
            if (Files.exists(results.resolve("report.html"))) {
                html.append("<a href=\"").append(entry.name()).append("/report.html\">report</a> | ");
            }
            if (Files.exists(results.resolve(ResultFiles.RESULT_JSON))) {
                html.append("<a href=\"").append(entry.name()).append("/result.json\">result.json</a></p>\n");
                summary(html, ResultFiles.read(results));
            } else {
                html.append("rate staircase: one capacity result per transport</p>\n");
                staircaseSummary(html, ResultFiles.readCapacities(results));
            }
        }
        html.append("<h2>JMH microbenchmarks</h2>\n");
        List<JsonNode> jmh = new ArrayList<>();
        for (Path file : jmhFiles) {
            jmh.addAll(JmhDigest.read(file));
        }
        if (jmh.isEmpty()) {
            html.append("<p>No JMH results in this directory.</p>\n");
        } else {
            html.append("<p>Results as JMH wrote them:");
            for (Path file : jmhFiles) {
                String name = escape(file.getFileName().toString());
                html.append(" <a href=\"").append(name).append("\">").append(name).append("</a>");
            }
            html.append("</p>\n<ul>\n");
            for (String line : JmhDigest.lines(jmh)) {
                html.append("<li>").append(escape(line)).append("</li>\n");
            }
            html.append("</ul>\n");
            html.append("<table><tr><th>benchmark</th><th>params</th><th>score</th><th>unit</th>")
                    .append("<th>allocated B/op</th></tr>\n");
            for (JsonNode b : jmh) {
                JsonNode alloc = b.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score");
                html.append("<tr><td>").append(escape(b.path("benchmark").asText().replaceFirst("^.*\\.jmh\\.", "")))
                        .append("</td><td>").append(escape(b.path("params").toString().replace("\"", "")))
                        .append("</td><td>").append(String.format("%.3f", b.path("primaryMetric").path("score").asDouble()))
                        .append("</td><td>").append(escape(b.path("primaryMetric").path("scoreUnit").asText()))
                        .append("</td><td>").append(alloc.isMissingNode() ? "" : String.format("%.1f", alloc.asDouble()))
                        .append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
        html.append("</body></html>\n");
        Path index = dir.resolve("index.html");
        Files.writeString(index, html);
        return index;
    }

    private static void summary(StringBuilder html, RunResult run) {
        if (!run.results().isEmpty() && run.results().get(0).workload() == Workload.IDLE) {
            idleSummary(html, run);
            return;
        }
        GeneratorFloorResult floor = run.generatorFloor();
        html.append("<table><tr><th>transport</th><th>p50 ms</th><th>p99 ms</th><th>p99.9 ms</th><th>msg/s</th>")
                .append("<th>lost</th><th>wire B/msg</th>")
                .append(floor == null ? "" : "<th>pushbench CPU us/msg</th><th>x generator floor</th>")
                .append("<th>health</th></tr>\n");
        for (TransportResult r : run.results()) {
            LatencySummary l = r.latency().getOrDefault(Metrics.PUSH_CORRECTED, r.latency().get(Metrics.RTT_CORRECTED));
            html.append("<tr><td>").append(escape(r.label())).append("</td>")
                    .append(String.format("<td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%.1f</td><td>%d</td><td>%.1f</td>",
                            l.p50() / 1000, l.p99() / 1000, l.p999() / 1000, r.deliveredPerSecond(),
                            r.delivery().lost(), r.wire().bytesPerMessage()))
                    .append(floor == null ? "" : generatorCost(floor, r))
                    .append(r.selfHealth().saturated()
                            ? "<td class=\"warn\">saturated: " + escape(String.join("; ", r.selfHealth().reasons())) + "</td>"
                            : "<td>ok</td>")
                    .append("</tr>\n");
        }
        html.append("</table>\n");
        if (floor != null) {
            html.append("<p>x generator floor: pushbench's CPU per ").append(floor.perWhat())
                    .append(" as a multiple of a ").append(escape(floor.description()))
                    .append(String.format("'s at the same load (%.1f us per %s)", floor.cpuMicrosPerMessage(),
                            floor.perWhat()))
                    .append(floor.problems().isEmpty() ? "" : "; check: " + escape(String.join("; ", floor.problems())))
                    .append(".</p>\n");
        }
    }

    /** A transport's generator CPU per message and its multiple of the generator floor, as two cells. */
    private static String generatorCost(GeneratorFloorResult floor, TransportResult r) {
        double multiple = floor.multipleOf(r);
        return String.format("<td>%.1f</td><td>%s</td>", r.selfHealth().generatorCpuMicrosPerMessage(),
                multiple < 0 ? "" : String.format("%.1f", multiple));
    }

    /** An idle run sends no messages: what each held connection cost instead of latency. */
    private static void idleSummary(StringBuilder html, RunResult run) {
        html.append("<table><tr><th>transport</th><th>connections / TCP</th><th>RSS KiB per connection</th>")
                .append("<th>CPU us per connection (server + client)</th><th>wire B per connection</th>")
                .append("<th>health</th></tr>\n");
        for (TransportResult r : run.results()) {
            TransportResult.PerConnection per = r.perConnection();
            html.append("<tr><td>").append(escape(r.label())).append("</td>")
                    .append(String.format("<td>%d / %d</td>", r.connections().opened(),
                            r.connections().tcpConnections()))
                    .append(per == null ? "<td></td><td></td><td></td>" : String.format(
                            "<td>%.1f</td><td>%.0f + %.0f</td><td>%.0f</td>", per.rssBytes() / 1024,
                            Math.max(0, per.serverCpuMicros()), per.generatorCpuMicros(), per.wireBytes()))
                    .append(r.selfHealth().saturated() ? "<td class=\"warn\">saturated</td>" : "<td>ok</td>")
                    .append("</tr>\n");
        }
        html.append("</table>\n");
    }

    /** A scenario run as a rate staircase: each transport's highest step that held. */
    private static void staircaseSummary(StringBuilder html, List<CapacityResult> results) {
        html.append("<table><tr><th>transport</th><th>highest held msg/s</th><th>delivered msg/s</th>")
                .append("<th>p50 ms</th><th>p99 ms</th><th>next step broke on</th></tr>\n");
        for (CapacityResult r : results) {
            int held = r.verdict().heldStep();
            CapacityResult.Step step = held == 0 ? null : r.steps().get(held - 1);
            LatencySummary l = step == null ? null : step.latency();
            int broken = r.verdict().brokenStep();
            html.append("<tr><td>").append(escape(r.scenario().label())).append("</td>")
                    .append(step == null || l == null || l.count() == 0 ? "<td>none</td><td></td><td></td><td></td>"
                            : String.format("<td>%s</td><td>%.1f</td><td>%.3f</td><td>%.3f</td>",
                                    Ramp.format(step.rate()), step.result().deliveredPerSecond(), l.p50() / 1000,
                                    l.p99() / 1000))
                    .append("<td class=\"warn\">").append(broken == 0 ? "" : escape(Ramp.format(
                            r.steps().get(broken - 1).rate()) + ": " + String.join("; ",
                            r.steps().get(broken - 1).violations()))).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
