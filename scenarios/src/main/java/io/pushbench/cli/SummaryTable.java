package io.pushbench.cli;

import io.pushbench.core.result.FloorResult;
import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.TransportResult;

import java.io.PrintWriter;
import java.util.List;

/**
 * The side-by-side table printed at the end of a run: the floor's row first (when measured), then
 * one row per transport and client stack, with its p50 and p99 as multiples of the floor's: the
 * one-way floor for push latency, the round-trip floor for echo. The reconnect downtime columns
 * appear only when some connection was lost and reopened, so a healthy run's table stays narrow.
 */
final class SummaryTable {

    private SummaryTable() {
    }

    /**
     * @param results the transports, in the order they ran
     * @param floor   the floor measured with them, or null: then the floor row and the multiples are left out
     */
    static void print(PrintWriter out, List<TransportResult> results, FloorResult floor) {
        if (results.isEmpty()) {
            return;
        }
        boolean echo = results.get(0).latency().containsKey(Metrics.RTT_CORRECTED);
        String metric = echo ? Metrics.RTT_CORRECTED : Metrics.PUSH_CORRECTED;
        LatencySummary floorLatency = floor == null ? null : floor.latency().get(metric);
        boolean gaps = results.stream().anyMatch(r -> r.connections().reconnects() > 0);
        out.println();
        out.println((echo ? "round-trip" : "push") + " latency in ms, from the planned send time "
                + "(corrected for coordinated omission)");
        String header = String.format("%-22s %9s %9s %9s %9s %9s%s %11s %8s %7s %10s %10s %7s %7s%s",
                "transport", "p50", "p90", "p99", "p99.9", "max",
                floorLatency == null ? "" : String.format(" %9s %9s", "p50/floor", "p99/floor"), "msg/s", "lost",
                "errors", "wire B/msg", "cpu us/msg", "conns", "reconn",
                gaps ? String.format(" %7s %8s", "down s", "gap lost") : "");
        out.println(header);
        out.println("-".repeat(header.length()));
        if (floorLatency != null) {
            out.printf("%-22s %s %9s %9s %11.1f %8d %7s %10s %10s %7s %7s%n",
                    "floor (raw TCP)" + (floor.saturated() ? " (!)" : ""), millis(floorLatency),
                    "", "", floor.sentPerSecond(), floor.sent() - floor.received(), "-", "-", "-", "-", "-");
        }
        for (TransportResult r : results) {
            LatencySummary l = r.latency().get(metric);
            long errors = r.errors().values().stream().mapToLong(Long::longValue).sum();
            out.printf("%-22s %s%s %11.1f %8d %7d %10.1f %10s %7s %7d%s%n",
                    r.label() + (r.selfHealth().saturated() ? " (!)" : ""), millis(l),
                    floorLatency == null ? "" : String.format(" %9s %9s", multiple(l.p50(), floorLatency.p50()),
                            multiple(l.p99(), floorLatency.p99())),
                    r.deliveredPerSecond(), r.delivery().lost(), errors, r.wire().bytesPerMessage(), cpuPerMessage(r),
                    r.connections().opened() + "/" + r.connections().tcpConnections(), r.connections().reconnects(),
                    gaps ? String.format(" %7.1f %8s", r.connections().downtimeSeconds(), lostInGaps(r)) : "");
        }
        if (floorLatency != null) {
            out.printf("floor: a raw TCP ping-pong on loopback at the same rate and size (%s, %d messages, %.1f s); "
                    + "p50/floor, p99/floor: each transport's figure as a multiple of the floor's%n",
                    echo ? "round trip" : "one way", floor.sent(), floor.measuredSeconds());
        }
        out.println("conns: connections (streams) opened / TCP connections used; reconn: connections lost and "
                + "reopened; cpu us/msg: server + generator CPU per delivered message (generator only for a "
                + "server in another process)");
        if (gaps) {
            out.println("down s: reconnect downtime added up over connections; gap lost: of lost, the messages "
                    + "missed while reconnecting (- for echo)");
        }
        if (floorLatency != null && floor.saturated()) {
            out.println();
            out.println("!!! floor: SATURATED: the generator could not keep the floor's schedule, so the multiples "
                    + "understate what each transport adds:");
            floor.saturation().forEach(reason -> out.println("!!!   " + reason));
        }
        for (TransportResult r : results) {
            if (r.selfHealth().saturated()) {
                out.println();
                out.println("!!! " + r.label() + ": SATURATED RUN: these figures may describe pushbench, not the server:");
                r.selfHealth().reasons().forEach(reason -> out.println("!!!   " + reason));
            }
        }
    }

    /** p50, p90, p99, p99.9 and max in milliseconds, in the table's columns. */
    private static String millis(LatencySummary l) {
        return String.format("%9.3f %9.3f %9.3f %9.3f %9.3f", l.p50() / 1000, l.p90() / 1000, l.p99() / 1000,
                l.p999() / 1000, l.max() / 1000);
    }

    /** {@code value} as a multiple of the floor's, e.g. {@code 12.3x}; a dash when the floor measured nothing. */
    private static String multiple(double value, double floor) {
        return floor <= 0 ? "-" : String.format("%.1fx", value / floor);
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
