package io.pushbench.cli;

import io.pushbench.core.engine.Workload;
import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.TransportResult;

import java.io.PrintWriter;
import java.util.List;

/**
 * The side-by-side tables printed at the end of a run, one row per transport and client stack:
 * latency and delivery (not for idle runs, which send nothing), then what each connection cost.
 */
final class SummaryTable {

    private SummaryTable() {
    }

    static void print(PrintWriter out, List<TransportResult> results) {
        if (results.isEmpty()) {
            return;
        }
        if (results.get(0).workload() != Workload.IDLE) {
            printLatency(out, results);
        }
        printPerConnection(out, results);
        for (TransportResult r : results) {
            if (r.selfHealth().saturated()) {
                out.println();
                out.println("!!! " + r.label() + ": SATURATED RUN: these figures may describe pushbench, not the server:");
                r.selfHealth().reasons().forEach(reason -> out.println("!!!   " + reason));
            }
        }
    }

    private static void printLatency(PrintWriter out, List<TransportResult> results) {
        boolean echo = results.get(0).latency().containsKey(Metrics.RTT_CORRECTED);
        out.println();
        out.println((echo ? "round-trip" : "push") + " latency in ms, from the planned send time "
                + "(corrected for coordinated omission)");
        String header = String.format("%-22s %9s %9s %9s %9s %9s %11s %8s %7s %10s %10s %7s %7s",
                "transport", "p50", "p90", "p99", "p99.9", "max", "msg/s", "lost", "errors", "wire B/msg",
                "cpu us/msg", "conns", "reconn");
        out.println(header);
        out.println("-".repeat(header.length()));
        for (TransportResult r : results) {
            LatencySummary l = r.latency().get(echo ? Metrics.RTT_CORRECTED : Metrics.PUSH_CORRECTED);
            long errors = r.errors().values().stream().mapToLong(Long::longValue).sum();
            out.printf("%-22s %9.3f %9.3f %9.3f %9.3f %9.3f %11.1f %8d %7d %10.1f %10s %7s %7d%n",
                    r.label() + (r.selfHealth().saturated() ? " (!)" : ""), l.p50() / 1000, l.p90() / 1000,
                    l.p99() / 1000, l.p999() / 1000, l.max() / 1000, r.deliveredPerSecond(), r.delivery().lost(),
                    errors, r.wire().bytesPerMessage(), cpuPerMessage(r), r.connections().opened() + "/"
                            + r.connections().tcpConnections(), r.connections().reconnects());
        }
        out.println("conns: connections (streams) opened / TCP connections used; reconn: connections lost and "
                + "reopened; cpu us/msg: server + generator CPU per delivered message");
    }

    private static void printPerConnection(PrintWriter out, List<TransportResult> results) {
        out.println();
        out.println("per connection (client and embedded server share this process: memory covers both ends)");
        String header = String.format("%-22s %11s %11s %11s %9s %9s %15s %9s %14s",
                "transport", "conns", "connect p50", "connect p99", "heap KiB", "RSS KiB", "cpu us", "wire B",
                "heartbeats");
        out.println(header);
        out.println("-".repeat(header.length()));
        for (TransportResult r : results) {
            LatencySummary connect = r.latency().get(Metrics.CONNECT);
            TransportResult.PerConnection per = r.perConnection();
            out.printf("%-22s %11s %11.3f %11.3f %9s %9s %15s %9s %14s%n", r.label(),
                    r.connections().opened() + "/" + r.connections().tcpConnections(),
                    connect.p50() / 1000, connect.p99() / 1000,
                    per == null ? "-" : String.format("%.1f", per.heapBytes() / 1024),
                    // -1 is "unknown" (no /proc); other negative figures are a real shrink and shown as such.
                    per == null || per.rssBytes() == -1 ? "-" : String.format("%.1f", per.rssBytes() / 1024),
                    per == null ? "-" : per.serverCpuMicros() < 0 ? String.format("%.0f", per.generatorCpuMicros())
                            : String.format("%.0f+%.0f", per.serverCpuMicros(), per.generatorCpuMicros()),
                    per == null ? "-" : String.format("%.0f", per.wireBytes()), heartbeats(r));
        }
        out.println("conns: opened / TCP; connect in ms; heap and RSS: growth from before the first connection to "
                + "after the last, per connection; cpu us: server + generator CPU over the measured phase, per "
                + "connection; wire B: bytes both ways in the measured phase, per connection; heartbeats: WebSocket "
                + "pongs received, round-trip p50 in ms (the other transports' heartbeats show in wire B)");
    }

    /** WebSocket pongs counted and their round-trip median; "-" for transports without client heartbeats. */
    private static String heartbeats(TransportResult r) {
        LatencySummary heartbeat = r.latency().get(Metrics.HEARTBEAT_RTT);
        return heartbeat == null ? "-" : String.format("%d, %.3f", heartbeat.count(), heartbeat.p50() / 1000);
    }

    private static String cpuPerMessage(TransportResult r) {
        double server = r.selfHealth().serverCpuMicrosPerMessage();
        double generator = r.selfHealth().generatorCpuMicrosPerMessage();
        return server < 0 ? String.format("%.1f", generator) : String.format("%.1f+%.1f", server, generator);
    }
}
