package io.pushbench.cli;

import io.pushbench.core.result.FloorResult;
import io.pushbench.core.result.GeneratorFloorResult;
import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.SelfHealth;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.spec.Workload;

import java.io.PrintWriter;
import java.util.List;

/**
 * The side-by-side tables printed at the end of a run, one row per transport and client stack:
 * latency and delivery (not for idle runs, which send nothing), then what each connection cost.
 * The latency table starts with the floor's row (when measured) and gives each transport's p50
 * and p99 as multiples of the floor's: the one-way floor for push latency, the round-trip floor
 * for echo. With a generator floor, its row follows and each transport's generator CPU per
 * message is also given as a multiple of the bare client's ({@code gen/floor}). Its reconnect
 * downtime columns appear only when some connection was lost and reopened, so a healthy run's
 * table stays narrow. Last, how the generator fared, each thing it saw apart, and for a saturated
 * run why, and what else it saw.
 */
final class SummaryTable {

    private SummaryTable() {
    }

    /**
     * @param results        the transports, in the order they ran
     * @param floor          the floor measured with them, or null: then the floor row and the multiples are left out
     * @param generatorFloor the generator floor measured with them, with its multiples, or null: then its row and
     *                       the {@code gen/floor} column are left out
     */
    static void print(PrintWriter out, List<TransportResult> results, FloorResult floor,
                      GeneratorFloorResult generatorFloor) {
        if (results.isEmpty()) {
            return;
        }
        if (results.get(0).workload() != Workload.IDLE) {
            printLatency(out, results, floor, generatorFloor);
        }
        printPerConnection(out, results);
        printHealth(out, results);
        for (TransportResult r : results) {
            if (r.selfHealth().saturated()) {
                out.println();
                out.println("!!! " + r.label() + ": SATURATED RUN: these figures may describe pushbench, not the server:");
                r.selfHealth().reasons().forEach(reason -> out.println("!!!   " + reason));
            }
        }
        for (TransportResult r : results) {
            if (!r.selfHealth().warnings().isEmpty()) {
                out.println();
                out.println("note: " + r.label() + ": seen while measuring (no verdict by itself):");
                r.selfHealth().warnings().forEach(warning -> out.println("note:   " + warning));
            }
        }
    }

    /**
     * The generator's health, one row per transport: falling behind (unsent, schedule lag), reading late (I/O
     * lag), the idle thread they are judged against, JVM pauses, platform stalls, CPU.
     */
    private static void printHealth(PrintWriter out, List<TransportResult> results) {
        out.println();
        out.println("generator health (saturated only when it fell behind its plan or could not read what arrived)");
        String header = String.format("%-22s %10s %8s %9s %9s %10s %16s %14s %22s %6s", "transport", "status", "unsent",
                "lag p99", "I/O p99", "idle p99", "JVM paused/max", "GC pauses/ms", "stalls n/ms/max", "CPU %");
        out.println(header);
        out.println("-".repeat(header.length()));
        for (TransportResult r : results) {
            SelfHealth h = r.selfHealth();
            SelfHealth.JvmPauses pauses = h.jvmPauses();
            SelfHealth.PlatformStalls stalls = h.platformStalls();
            out.printf("%-22s %10s %8d %9s %9s %10s %16s %14s %22s %6.0f%n", r.label(),
                    h.saturated() ? "SATURATED" : "ok", h.unsentMessages(),
                    p99Millis(r.latency().get(Metrics.SCHEDULE_LAG)), p99Millis(r.latency().get(Metrics.IO_LAG)),
                    stalls == null ? "-" : String.format("%.3f", stalls.p99Micros() / 1000),
                    pauses == null ? "-" : String.format("%.1f/%.1f", pauses.pausedMillis(), pauses.longestMillis()),
                    pauses == null ? "-" : String.format("%d/%.1f", pauses.gcPauses(), pauses.gcPauseMillis()),
                    stalls == null ? "-" : String.format("%d/%.1f/%.1f", stalls.stalls(), stalls.totalMillis(),
                            stalls.longestMillis()),
                    100 * h.cpuUtilisation());
        }
        out.println("in ms: lag p99: how late sends went out; I/O p99: how late the client's I/O threads ran "
                + "(- where not probed); idle p99: how late an idle thread of this process ran, the yardstick of "
                + "both; JVM paused: GC and safepoints as the JVM reports them; stalls: an idle thread's sleeps "
                + "overshooting by more than 1 ms over their median; CPU %: of all processors (a browser row's with "
                + "Chromium's)");
    }

    /** A summary's 99th percentile in milliseconds, or "-" when it was not measured. */
    private static String p99Millis(LatencySummary l) {
        return l == null || l.count() == 0 ? "-" : String.format("%.3f", l.p99() / 1000);
    }

    private static void printLatency(PrintWriter out, List<TransportResult> results, FloorResult floor,
                                     GeneratorFloorResult generatorFloor) {
        boolean echo = results.get(0).latency().containsKey(Metrics.RTT_CORRECTED);
        String metric = echo ? Metrics.RTT_CORRECTED : Metrics.PUSH_CORRECTED;
        LatencySummary floorLatency = floor == null ? null : floor.latency().get(metric);
        boolean gaps = results.stream().anyMatch(r -> r.connections().reconnects() > 0);
        out.println();
        out.println((echo ? "round-trip" : "push") + " latency in ms, from the planned send time "
                + "(corrected for coordinated omission)");
        String header = String.format("%-22s %9s %9s %9s %9s %9s%s %11s %8s %7s %10s %10s%s %7s %7s%s",
                "transport", "p50", "p90", "p99", "p99.9", "max",
                floorLatency == null ? "" : String.format(" %9s %9s", "p50/floor", "p99/floor"), "msg/s", "lost",
                "errors", "wire B/msg", "cpu us/msg", generatorColumn(generatorFloor, "gen/floor"), "conns", "reconn",
                gaps ? String.format(" %7s %8s", "down s", "gap lost") : "");
        out.println(header);
        out.println("-".repeat(header.length()));
        if (floorLatency != null) {
            out.printf("%-22s %s %9s %9s %11.1f %8d %7s %10s %10s%s %7s %7s%n",
                    "floor (raw TCP)" + (floor.saturated() ? " (!)" : ""), millis(floorLatency),
                    "", "", floor.sentPerSecond(), floor.sent() - floor.received(), "-", "-", "-",
                    generatorColumn(generatorFloor, "-"), "-", "-");
        }
        if (generatorFloor != null) {
            out.printf("%-22s %s%s %11.1f %8s %7s %10s %10s%s %7d %7s%n",
                    generatorFloorLabel(generatorFloor), String.format("%9s %9s %9s %9s %9s", "-", "-", "-", "-", "-"),
                    floorLatency == null ? "" : String.format(" %9s %9s", "", ""),
                    generatorFloor.received() / Math.max(generatorFloor.measuredSeconds(), 1e-9), "-", "-", "-",
                    cpu(generatorFloor.serverCpuMicrosPerMessage(), generatorFloor.cpuMicrosPerMessage()),
                    generatorColumn(generatorFloor, "1.0x"), generatorFloor.connections(), "-");
        }
        for (TransportResult r : results) {
            LatencySummary l = r.latency().get(metric);
            long errors = r.errors().values().stream().mapToLong(Long::longValue).sum();
            out.printf("%-22s %s%s %11.1f %8d %7d %10.1f %10s%s %7s %7d%s%n",
                    r.label() + (r.selfHealth().saturated() ? " (!)" : ""), millis(l),
                    floorLatency == null ? "" : String.format(" %9s %9s", multiple(l.p50(), floorLatency.p50()),
                            multiple(l.p99(), floorLatency.p99())),
                    r.deliveredPerSecond(), r.delivery().lost(), errors, r.wire().bytesPerMessage(), cpuPerMessage(r),
                    generatorColumn(generatorFloor, generatorFloor == null ? "" : generatorMultiple(generatorFloor, r)),
                    r.connections().opened() + "/" + r.connections().tcpConnections(), r.connections().reconnects(),
                    gaps ? String.format(" %7.1f %8s", r.connections().downtimeSeconds(), lostInGaps(r)) : "");
        }
        if (floorLatency != null) {
            out.printf("floor: a raw TCP ping-pong on loopback at the same rate and size (%s, %d messages, %.1f s); "
                    + "p50/floor, p99/floor: each transport's figure as a multiple of the floor's%n",
                    echo ? "round trip" : "one way", floor.sent(), floor.measuredSeconds());
        }
        if (generatorFloor != null) {
            out.printf("gen floor: a %s (no schedule, no recording) against the same server at the same rate, size and "
                    + "connections (%d %ss, %.1f s); gen/floor: pushbench's generator CPU per %s as a multiple of "
                    + "the bare client's%n", generatorFloor.description(), generatorFloor.received(),
                    generatorFloor.perWhat(), generatorFloor.measuredSeconds(), generatorFloor.perWhat());
        }
        out.println("conns: connections (streams) opened / TCP connections used; reconn: connections lost and "
                + "reopened; cpu us/msg: server + generator CPU per delivered message (generator only for a "
                + "server in another process; a browser row's generator includes Chromium's processes)");
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
        if (generatorFloor != null && !generatorFloor.problems().isEmpty()) {
            out.println();
            out.println("!!! generator floor: the bare client's figure may not be a floor at this load:");
            generatorFloor.problems().forEach(problem -> out.println("!!!   " + problem));
        }
    }

    /** The generator floor's row label: what the bare client was, flagged when it had problems. */
    private static String generatorFloorLabel(GeneratorFloorResult floor) {
        return (GeneratorFloorResult.WEBSOCKET_ECHO.equals(floor.client()) ? "gen floor (bare WS)" : "gen floor (bare SSE)")
                + (floor.problems().isEmpty() ? "" : " (!)");
    }

    /** The gen/floor column's cell, or nothing when the run has no generator floor. */
    private static String generatorColumn(GeneratorFloorResult floor, String value) {
        return floor == null ? "" : String.format(" %9s", value);
    }

    /** A transport's generator CPU as a multiple of the floor's, e.g. {@code 1.4x}; a dash when either is unknown. */
    private static String generatorMultiple(GeneratorFloorResult floor, TransportResult r) {
        double multiple = floor.multipleOf(r);
        return multiple < 0 ? "-" : String.format("%.1fx", multiple);
    }

    private static void printPerConnection(PrintWriter out, List<TransportResult> results) {
        out.println();
        out.println("per connection (with the embedded server, client and server share this process: "
                + "memory covers both ends)");
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
        return cpu(r.selfHealth().serverCpuMicrosPerMessage(), r.selfHealth().generatorCpuMicrosPerMessage());
    }

    /** Server + client CPU per message, or the client's alone when the server's is unknown (negative). */
    private static String cpu(double server, double client) {
        return server < 0 ? String.format("%.1f", client) : String.format("%.1f+%.1f", server, client);
    }
}
