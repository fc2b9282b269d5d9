package io.pushbench.cli;

import io.pushbench.core.result.MergedShards;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints a merged run's shards: one row per shard and step, with its own figures and self-check. */
final class ShardTable {

    private ShardTable() {
    }

    static void print(PrintWriter out, MergedShards shards) {
        out.printf(Locale.ROOT, "run %s: %d shards; start skew bound %.3f ms, clock offset error bound %.3f ms%n",
                shards.runId(), shards.count(), shards.maxSkewNanos() / 1e6, shards.maxClockErrorNanos() / 1e6);
        out.println("clocks: " + shards.clocks());
        String header = String.format(Locale.ROOT, "%-6s %-5s %-20s %7s %7s %11s %11s %9s %6s %9s %9s %9s  %s",
                "shard", "step", "host", "conns", "held", "expected", "received", "lost", "dup", "p50 ms", "p99 ms",
                "skew ms", "self-check");
        out.println(header);
        out.println("-".repeat(header.length()));
        for (MergedShards.Shard s : shards.shards()) {
            for (MergedShards.StepRow r : s.steps()) {
                out.printf(Locale.ROOT, "%-6d %-5d %-20s %7d %7d %11d %11d %9d %6d %9s %9s %9.3f  %s%n", s.index(),
                        r.step(), truncate(s.host(), 20), r.connections(), r.held(), r.expected(), r.received(),
                        r.lost(), r.duplicated(), millis(r.p50Micros()), millis(r.p99Micros()), s.skewNanos() / 1e6,
                        !r.complete() ? "stopped during the step" : r.saturated() ? "saturated: "
                                + String.join("; ", r.selfCheck()) : r.selfCheck().isEmpty() ? "ok"
                                : "ok (" + String.join("; ", r.selfCheck()) + ")");
            }
        }
    }

    private static String millis(double micros) {
        return micros < 0 ? "-" : String.format(Locale.ROOT, "%.3f", micros / 1000);
    }

    private static String truncate(String text, int width) {
        return text == null ? "-" : text.length() <= width ? text : text.substring(0, width);
    }
}
