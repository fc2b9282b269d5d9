package io.pushbench.cli;

import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.TransportResult;

import java.io.PrintWriter;
import java.util.List;

/** The side-by-side table printed at the end of a run: one row per transport and client stack. */
final class SummaryTable {

    private SummaryTable() {
    }

    static void print(PrintWriter out, List<TransportResult> results) {
        if (results.isEmpty()) {
            return;
        }
        boolean echo = results.get(0).latency().containsKey(Metrics.RTT_CORRECTED);
        out.println();
        out.println((echo ? "round-trip" : "push") + " latency in ms, from the planned send time "
                + "(corrected for coordinated omission)");
        String header = String.format("%-22s %9s %9s %9s %9s %9s %11s %8s %7s %9s %6s",
                "transport", "p50", "p90", "p99", "p99.9", "max", "msg/s", "lost", "errors", "wire B/msg", "conns");
        out.println(header);
        out.println("-".repeat(header.length()));
        for (TransportResult r : results) {
            LatencySummary l = r.latency().get(echo ? Metrics.RTT_CORRECTED : Metrics.PUSH_CORRECTED);
            long errors = r.errors().values().stream().mapToLong(Long::longValue).sum();
            out.printf("%-22s %9.3f %9.3f %9.3f %9.3f %9.3f %11.1f %8d %7d %9.1f %6s%n",
                    r.label(), l.p50() / 1000, l.p90() / 1000, l.p99() / 1000, l.p999() / 1000, l.max() / 1000,
                    r.deliveredPerSecond(), r.delivery().lost(), errors, r.wire().bytesPerMessage(),
                    r.connections().opened() + "/" + r.connections().tcpConnections());
        }
        out.println("conns: connections (streams) opened / TCP connections used");
    }
}
