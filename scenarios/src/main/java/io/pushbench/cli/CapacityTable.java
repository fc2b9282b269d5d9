package io.pushbench.cli;

import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.GeneratorFloorResult;
import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.spec.Workload;

import java.io.PrintWriter;
import java.util.Locale;

/** The table printed at the end of {@code capacity}: one row per step, the breaking step marked. */
final class CapacityTable {

    private CapacityTable() {
    }

    static void print(PrintWriter out, CapacityResult result) {
        if (result.steps().isEmpty()) {
            return;
        }
        boolean echo = result.steps().get(0).result().latency().containsKey(Metrics.RTT_CORRECTED);
        out.println();
        out.println((echo ? "round-trip" : "push") + " latency in ms, from the planned send time; errors: share of "
                + "connections not held or messages lost");
        boolean floors = result.generatorFloors() != null && !result.generatorFloors().isEmpty();
        String header = String.format(Locale.ROOT, "%-5s %7s %6s %7s %9s %11s %9s %9s %9s %8s %10s %9s %9s%s  %s",
                "step", "conns", "tcp", "held", "offered/s", "received/s", "p50", "p99", "p99.9", "errors", "connect99",
                "heap/conn", "rss/conn", floors ? String.format(" %10s %9s", "cpu us/msg", "gen/floor") : "", "verdict");
        out.println(header);
        out.println("-".repeat(header.length()));
        for (CapacityResult.Step step : result.steps()) {
            LatencySummary latency = step.latency();
            boolean measured = latency != null && latency.count() > 0;
            LatencySummary connect = step.result().latency().get(Metrics.CONNECT);
            out.printf(Locale.ROOT, "%-5d %7d %6d %7d %9s %11.1f %9s %9s %9s %7.2f%% %10s %9s %9s%s  %s%n",
                    step.index(), step.connections(), step.result().connections().tcpConnections(), step.held(), step.rate() > 0 ? String.format(Locale.ROOT, "%.0f",
                            step.rate()) : "-", step.result().deliveredPerSecond(),
                    measured ? ms(latency.p50()) : "-", measured ? ms(latency.p99()) : "-",
                    measured ? ms(latency.p999()) : "-", step.errorRate() * 100,
                    connect != null && connect.count() > 0 ? ms(connect.p99()) : "-",
                    kib(step.memory().heapBytesPerConnection()), kib(step.memory().rssBytesPerConnection()),
                    floors ? generatorCost(result, step) : "",
                    (step.passed() ? "held" : "BROKE")
                            + (step.result().selfHealth().saturated() ? " (!)" : ""));
        }
        out.println("tcp: TCP connections opened so far (HTTP/2 streams share them); held: connections open "
                + "throughout the step; connect99: p99 of the connect time of the step's new "
                + "connections; heap/rss per connection: above the level before the first connection (heap includes "
                + "garbage)");
        if (floors) {
            GeneratorFloorResult any = result.generatorFloors().values().iterator().next();
            out.println("cpu us/msg: pushbench's CPU per " + any.perWhat() + " (the whole process: the server runs "
                    + "elsewhere); gen/floor: that as a multiple of a " + any.description() + "'s, measured after the "
                    + "step at its connections and rate (- where not measured)");
            result.generatorFloors().forEach((index, floor) -> floor.problems().forEach(problem ->
                    out.println("(!) generator floor of step " + index + ": " + problem)));
        }
        if (result.steps().stream().anyMatch(CapacityTable::passiveWithoutEnvelopes)) {
            out.println("no latency: the server's messages carry no pushbench envelope (pb1:...;), so only rates, gaps "
                    + "and connect times are measured");
        }
        if (result.steps().stream().anyMatch(s -> s.result().selfHealth().saturated())) {
            out.println("(!): pushbench itself was saturated in that step; its figures may describe the generator");
        }
        CapacityResult.Step last = result.steps().get(result.steps().size() - 1);
        if (!last.passed() && !last.result().errors().isEmpty()) {
            out.println("errors in step " + last.index() + ": " + CapacityProgress.errorsByKind(last.result().errors())
                    + (last.firstError() != null ? "; first: " + last.firstError() : ""));
        }
    }

    /** The step's generator CPU per message and its multiple of the step's generator floor, or dashes. */
    private static String generatorCost(CapacityResult result, CapacityResult.Step step) {
        GeneratorFloorResult floor = result.generatorFloorOf(step);
        double multiple = floor == null ? -1 : floor.multipleOf(step.result());
        return String.format(Locale.ROOT, " %10.1f %9s", step.result().selfHealth().generatorCpuMicrosPerMessage(),
                multiple < 0 ? "-" : String.format(Locale.ROOT, "%.1fx", multiple));
    }

    private static boolean passiveWithoutEnvelopes(CapacityResult.Step step) {
        LatencySummary latency = step.latency();
        return step.result().workload() == Workload.PASSIVE && step.result().delivery().received() > 0
                && (latency == null || latency.count() == 0);
    }

    private static String ms(double micros) {
        return String.format(Locale.ROOT, "%.3f", micros / 1000);
    }

    private static String kib(double bytes) {
        return bytes < 0 ? "-" : String.format(Locale.ROOT, "%.1fK", bytes / 1024);
    }
}
