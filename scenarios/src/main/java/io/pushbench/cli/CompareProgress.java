package io.pushbench.cli;

import io.pushbench.core.engine.CapacityRun;
import io.pushbench.core.engine.FloorRun;
import io.pushbench.core.engine.compare.CompareGeneratorFloor;
import io.pushbench.core.engine.compare.ComparisonListener;
import io.pushbench.core.record.IntervalLog;
import io.pushbench.core.spec.CapacitySpec;
import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.spec.Workload;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;

import java.io.PrintWriter;

/** The progress lines of {@code compare}: what runs next, a line per second of each transport, and the steps of a staircase. */
final class CompareProgress implements ComparisonListener {

    private final PrintWriter out;

    CompareProgress(PrintWriter out) {
        this.out = out;
    }

    /** Prints to {@code out}, or tells nothing when it is null ({@code --quiet}). */
    static ComparisonListener to(PrintWriter out) {
        return out == null ? ComparisonListener.QUIET : new CompareProgress(out);
    }

    @Override
    public void floorStarting(RunSpec spec) {
        out.println("measuring the floor: raw " + (spec.tls() ? "TLS" : "TCP") + " ping-pong on loopback, the run's "
                + "rate and size (warm-up at most " + Durations.format(FloorRun.MAX_WARMUP) + ", measured at most "
                + Durations.format(FloorRun.MAX_MEASURED) + ")");
    }

    @Override
    public void floorSkipped(String why) {
        out.println("floor: not measured: " + why);
    }

    @Override
    public void transportStarting(Transport transport, ClientStack client, RunSpec spec) {
        out.printf("running %s with %s%s: %d %s, %s warm-up, %s measured%n", transport, client,
                spec.tls() ? " over TLS" : "", spec.subscribers(),
                spec.workload() == Workload.ECHO || spec.workload() == Workload.CHAT ? "clients" : "subscribers",
                Durations.format(spec.warmup()), Durations.format(spec.duration()));
    }

    @Override
    public IntervalLog.IntervalListener intervals(Transport transport) {
        return new ProgressPrinter(out, transport.id());
    }

    @Override
    public void generatorFloorStarting(RunSpec spec) {
        out.println(GeneratorFloors.announce(spec.workload() == Workload.ECHO ? "bare WebSocket echo client"
                : "bare SSE readers", spec.subscribers(), CompareGeneratorFloor.rate(spec), spec.messageSize()));
    }

    @Override
    public void generatorFloorSkipped(String why) {
        out.println("generator floor: not measured: " + why);
    }

    @Override
    public void staircaseStarting(CapacitySpec spec) {
        out.println(CapacityProgress.header(spec));
    }

    @Override
    public CapacityRun.Listener steps() {
        return new CapacityProgress(out);
    }
}
