package io.pushbench.report;

import io.pushbench.core.result.MergedShards;
import io.pushbench.core.result.ResultFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The shards of a merged run ({@value MergedShards#FILE} beside its result): how the clocks were
 * handled and the start skew, one row per shard and step with its own figures and self-check, the
 * shards missing with what they lost, and the result directories left out.
 */
final class ShardsSection implements Section {

    private final MergedShards shards;

    private ShardsSection(MergedShards shards) {
        this.shards = shards;
    }

    /** The section of the merged run in {@code dir}, or null when it is not one. */
    static ShardsSection of(Path dir) {
        Path file = dir.resolve(MergedShards.FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return new ShardsSection(ResultFiles.mapper().readValue(file.toFile(), MergedShards.class));
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public String id() {
        return "shards";
    }

    @Override
    public String title() {
        return "Shards";
    }

    @Override
    public void render(Html html) {
        html.element("p", String.format(Locale.ROOT, "Run %s, merged from %d shards. Start skew bound %.3f ms "
                        + "(clock error plus lateness of the start, the largest of any shard); clock offset error bound "
                        + "%.3f ms. Clocks: %s.", shards.runId(), shards.count(), shards.maxSkewNanos() / 1e6,
                shards.maxClockErrorNanos() / 1e6, shards.clocks()));
        html.open("table").open("tr");
        for (String h : new String[] {"shard", "step", "host", "conns", "held", "expected", "received", "lost",
            "dup", "p50 ms", "p99 ms", "clock offset ms", "skew ms", "self-check"}) {
            html.element("th", h);
        }
        html.close("tr");
        for (MergedShards.Shard s : shards.shards()) {
            for (MergedShards.StepRow r : s.steps()) {
                html.open("tr");
                cell(html, Integer.toString(s.index()));
                cell(html, Integer.toString(r.step()));
                cell(html, s.host());
                cell(html, Integer.toString(r.connections()));
                cell(html, Integer.toString(r.held()));
                cell(html, Long.toString(r.expected()));
                cell(html, Long.toString(r.received()));
                cell(html, Long.toString(r.lost()));
                cell(html, Long.toString(r.duplicated()));
                cell(html, millis(r.p50Micros()));
                cell(html, millis(r.p99Micros()));
                cell(html, String.format(Locale.ROOT, "%.3f \u00b1 %.3f", s.clockOffsetNanos() / 1e6,
                        s.clockErrorNanos() / 1e6));
                cell(html, String.format(Locale.ROOT, "%.3f", s.skewNanos() / 1e6));
                cell(html, !r.complete() ? "stopped during the step" : (r.saturated() ? "saturated" : "ok")
                        + (r.selfCheck().isEmpty() ? "" : ": " + String.join("; ", r.selfCheck())));
                html.close("tr");
            }
        }
        html.close("table");
        if (!shards.missing().isEmpty()) {
            html.open("ul");
            for (MergedShards.Missing m : shards.missing()) {
                html.element("li", "Missing: shard " + m.index() + (m.step() > 0 ? " in step " + m.step() : "")
                        + ": " + m.why() + (m.planned() > 0 ? "; lost " + m.lost() + " of " + m.planned()
                        + " planned deliveries, " + m.recorded() + " recorded (" + m.how() + ")" : ""));
            }
            html.close("ul");
        }
        if (!shards.ignored().isEmpty()) {
            html.open("ul");
            for (MergedShards.Ignored i : shards.ignored()) {
                html.element("li", "Not counted: " + i.dir() + ": " + i.why());
            }
            html.close("ul");
        }
    }

    private static void cell(Html html, String text) {
        html.element("td", text);
    }

    private static String millis(double micros) {
        return micros < 0 ? "-" : String.format(Locale.ROOT, "%.3f", micros / 1000);
    }
}
