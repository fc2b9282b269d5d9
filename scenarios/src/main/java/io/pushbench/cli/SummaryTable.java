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
        String header = String.format("%-22s %9s %9s %9s %9s %9s %11s %8s %7s %10s %10s %7s %7s %7s %8s",
                "transport", "p50", "p90", "p99", "p99.9", "max", "msg/s", "lost", "errors", "wire B/msg",
                "cpu us/msg", "conns", "reconn", "down s", "gap lost");
        out.println(header);
        out.println("-".repeat(header.length()));
        for (TransportResult r : results) {
            LatencySummary l = r.latency().get(echo ? Metrics.RTT_CORRECTED : Metrics.PUSH_CORRECTED);
            long errors = r.errors().values().stream().mapToLong(Long::longValue).sum();
            out.printf("%-22s %9.3f %9.3f %9.3f %9.3f %9.3f %11.1f %8d %7d %10.1f %10s %7s %7d %7.1f %8s%n",
                    r.label() + (r.selfHealth().saturated() ? " (!)" : ""), l.p50() / 1000, l.p90() / 1000,
                    l.p99() / 1000, l.p999() / 1000, l.max() / 1000, r.deliveredPerSecond(), r.delivery().lost(),
                    errors, r.wire().bytesPerMessage(), cpuPerMessage(r), r.connections().opened() + "/"
                            + r.connections().tcpConnections(), r.connections().reconnects(),
                    r.connections().downtimeSeconds(), lostInGaps(r));
        }
        out.println("conns: connections (streams) opened / TCP connections used; reconn: connections lost and "
                + "reopened; down s: their downtime added up over connections; gap lost: of lost, the messages "
                + "missed while reconnecting (- for echo); cpu us/msg: server + generator CPU per delivered "
                + "message (generator only for a server in another process)");
        for (TransportResult r : results) {
            if (r.selfHealth().saturated()) {
                out.println();
                out.println("!!! " + r.label() + ": SATURATED RUN: these figures may describe pushbench, not the server:");
                r.selfHealth().reasons().forEach(reason -> out.println("!!!   " + reason));
            }
        }
    }

    private static String lostInGaps(TransportResult r) {
        long lost = r.delivery().lostInGaps();
        return lost < 0 ? "-" : Long.toString(lost);
    }

    private static String cpuPerMessage(TransportResult r) {
        double server = r.selfHealth().serverCpuMicrosPerMessage();
        double generator = r.selfHealth().generatorCpuMicrosPerMessage();
        return server < 0 ? String.format("%.1f", generator) : String.format("%.1f+%.1f", server, generator);
    }
}
