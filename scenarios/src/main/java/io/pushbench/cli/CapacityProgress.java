package io.pushbench.cli;

import io.pushbench.core.engine.CapacityRun;
import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.spec.CapacityMode;
import io.pushbench.core.spec.CapacitySpec;
import io.pushbench.core.spec.Ramp;
import io.pushbench.core.spec.Workload;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The live console of {@code capacity}: a line per second (step, connections, msg/s, p50/p99,
 * errors) and a line per finished step with its verdict. Thread-safe: lines come from the run's
 * thread and the histogram log's thread, and are printed whole.
 */
final class CapacityProgress implements CapacityRun.Listener {

    private final PrintWriter out;

    CapacityProgress(PrintWriter out) {
        this.out = out;
    }

    /** The line that says what is about to run. */
    static String header(CapacitySpec spec) {
        String load = spec.mode() == CapacityMode.PASSIVE
                ? spec.connections() + " connections"
                : spec.connections() + " connections, " + spec.rate() + " msg/s "
                        + (spec.mode() == CapacityMode.PUBSUB ? "published" : "sent");
        return String.format(Locale.ROOT, "capacity of %s (%s, %s): %s; %s per step after %s warm-up; objective %s%s",
                spec.url(), spec.transport(), spec.mode(), load, Durations.format(spec.stepDuration()),
                Durations.format(spec.stepWarmup()), spec.slo(),
                spec.protocol().isEmpty() ? "" : "; with " + String.join(", ", spec.protocol()));
    }

    @Override
    public synchronized void onStepStart(int index, int steps, int connections, double rate) {
        out.printf(Locale.ROOT, "step %d/%d: %d connections%s%n", index, steps, connections,
                rate > 0 ? ", " + Ramp.format(rate) + " msg/s" : "");
        out.flush();
    }

    @Override
    public synchronized void onTick(CapacityRun.Tick t) {
        String connections = t.connectionsOpen() + "/" + t.connectionsWanted() + " conns";
        if (t.connectionsOpen() < t.connectionsWanted() && t.messagesPerSecond() == 0) {
            out.printf(Locale.ROOT, "  step %3d/%-3d %4ds  %17s  connecting%n", t.step(), t.steps(), t.second(),
                    connections);
        } else {
            String latency = t.p50Nanos() < 0 ? "p50        -     p99        -   "
                    : String.format(Locale.ROOT, "p50 %8.3f ms  p99 %8.3f ms", t.p50Nanos() / 1e6, t.p99Nanos() / 1e6);
            out.printf(Locale.ROOT, "  step %3d/%-3d %4ds  %17s  %9d msg/s  %s  errors %d%n", t.step(), t.steps(),
                    t.second(), connections, t.messagesPerSecond(), latency, t.errors());
        }
        out.flush();
    }

    @Override
    public synchronized void onStep(CapacityResult.Step step, CapacityResult soFar) {
        out.println(stepLine(step));
        out.flush();
    }

    /** One line for a finished step: its figures and whether it held. */
    static String stepLine(CapacityResult.Step step) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "step %d: %d/%d connections held",
                step.index(), step.held(), step.connections()));
        if (step.rate() > 0) {
            line.append(", ").append(Ramp.format(step.rate())).append(" msg/s offered");
        }
        line.append(String.format(Locale.ROOT, ", %.0f msg/s received", step.result().deliveredPerSecond()));
        LatencySummary latency = step.latency();
        if (latency != null && latency.count() > 0) {
            line.append(String.format(Locale.ROOT, ", p50 %.3f ms, p99 %.3f ms", latency.p50() / 1000,
                    latency.p99() / 1000));
        } else if (step.result().workload() == Workload.PASSIVE && step.result().delivery().received() > 0) {
            line.append(", no latency (the server's messages carry no pushbench envelope)");
        }
        line.append(String.format(Locale.ROOT, ", errors %.2f%%", step.errorRate() * 100));
        if (!step.result().errors().isEmpty()) {
            line.append(" (").append(errorsByKind(step.result().errors())).append(")");
        }
        line.append(step.passed() ? ": held" : ": BROKE: " + String.join("; ", step.violations()));
        // A step that broke on saturation (compare's staircase) names the reasons among its violations already.
        if (step.result().selfHealth().saturated()
                && step.violations().stream().noneMatch(v -> v.startsWith(CapacityRun.SATURATED))) {
            line.append(" [pushbench saturated: ").append(String.join("; ", step.result().selfHealth().reasons()))
                    .append("]");
        }
        return line.toString();
    }

    /** Errors by kind as {@code http-status:503 x100, closed-by-server x2}. */
    static String errorsByKind(Map<String, Long> errors) {
        return errors.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", "));
    }
}
