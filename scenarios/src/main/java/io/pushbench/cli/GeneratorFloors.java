package io.pushbench.cli;

import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TlsTrust;
import io.pushbench.core.spec.LoadModel;
import io.pushbench.core.spec.Ramp;
import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.spec.Workload;
import io.pushbench.core.genfloor.GeneratorFloorRun;
import io.pushbench.core.result.GeneratorFloorResult;
import io.pushbench.core.transport.Transport;
import io.pushbench.server.Paths;
import io.pushbench.server.ReferenceServer;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Locale;

/**
 * Which generator floor ({@link GeneratorFloorRun}) a command measures and how it is told: a
 * bare WebSocket echo client for echo runs, bare SSE readers for broadcast runs, against the
 * reference server (in-process, or a {@code pushbench serve} elsewhere). A floor that cannot be
 * measured is reported in one progress line and left out; the transports never depend on it.
 */
final class GeneratorFloors {

    private GeneratorFloors() {
    }

    /** Why {@code spec} gets no generator floor, or null when it gets one. */
    static String whyNot(RunSpec spec) {
        if (!(spec.load() instanceof LoadModel.ConstantRate)) {
            return "it runs at a constant rate, which this load model has none of";
        }
        if (spec.workload() != Workload.ECHO && spec.workload() != Workload.BROADCAST) {
            return "it exists for echo and broadcast runs only, not for workload " + spec.workload().id();
        }
        return null;
    }

    /** The floor of {@code spec} against a reference server in this process; {@link #whyNot} must be null. */
    static GeneratorFloorRun inProcess(RunSpec spec, ReferenceServer server) {
        String hostPort = EmbeddedRunner.hostPort(server, spec.tls());
        GeneratorFloorRun run = spec.workload() == Workload.ECHO
                ? GeneratorFloorRun.echo(ReferenceTargets.of(hostPort, Transport.WEBSOCKET, Workload.ECHO, spec.tls()),
                        load(spec))
                : GeneratorFloorRun.broadcast(ReferenceTargets.of(hostPort, Transport.SSE_HTTP1, Workload.BROADCAST,
                        spec.tls()), (sequence, now) -> server.hub().publishEnvelope(sequence, now, spec.messageSize()),
                        load(spec));
        if (spec.tls()) {
            run.trust(TlsTrust.certificates(server.tlsCertificate()));
        }
        return run.serverCpuNanos(EmbeddedRunner::serverCpuNanos);
    }

    /** The floor of {@code spec} against a {@code pushbench serve} at {@code server}; {@link #whyNot} must be null. */
    static GeneratorFloorRun against(RunSpec spec, URI server) {
        String hostPort = server.getHost() + ":" + server.getPort();
        if (spec.workload() == Workload.ECHO) {
            return GeneratorFloorRun.echo(ReferenceTargets.of(hostPort, Transport.WEBSOCKET, Workload.ECHO), load(spec));
        }
        return GeneratorFloorRun.broadcast(ReferenceTargets.of(hostPort, Transport.SSE_HTTP1, Workload.BROADCAST),
                Target.of(URI.create("http://" + hostPort + Paths.PUBLISH)), load(spec));
    }

    private static GeneratorFloorRun.Load load(RunSpec spec) {
        return GeneratorFloorRun.Load.bounded(spec.subscribers(), rate(spec), spec.messageSize(), spec.warmup(),
                spec.duration());
    }

    private static double rate(RunSpec spec) {
        return ((LoadModel.ConstantRate) spec.load()).perSecond();
    }

    /** The progress line before the floor of {@code spec}. */
    static String announce(RunSpec spec) {
        return announce(spec.workload() == Workload.ECHO ? "bare WebSocket echo client" : "bare SSE readers",
                spec.subscribers(), rate(spec), spec.messageSize());
    }

    /** The progress line before a floor: what runs, at what load, for how long at most. */
    static String announce(String client, int connections, double rate, int size) {
        return String.format(Locale.ROOT, "measuring the generator floor: %s, %d connections, %s msg/s, %d B "
                        + "(warm-up at most %s, %s more while the JIT compiles; measured at most %s)", client,
                connections, Ramp.format(rate), size, Durations.format(GeneratorFloorRun.MAX_WARMUP),
                Durations.format(GeneratorFloorRun.MAX_SETTLING), Durations.format(GeneratorFloorRun.MAX_MEASURED));
    }

    /**
     * Runs {@code run}, printing why when it cannot be measured.
     *
     * @return the floor, or null when it failed or was stopped
     */
    static GeneratorFloorResult measure(GeneratorFloorRun run, PrintWriter progress) throws InterruptedException {
        try {
            GeneratorFloorResult floor = run.run();
            if (floor == null) {
                print(progress, "generator floor: not measured: stopped");
            }
            return floor;
        } catch (IOException e) {
            print(progress, "generator floor: not measured: " + e.getMessage());
            return null;
        }
    }

    /** A floor's one-line figure, e.g. {@code 9.3 us of CPU per round trip (server 4.1)}. */
    static String figure(GeneratorFloorResult floor) {
        return String.format(Locale.ROOT, "%.1f us of client CPU per %s%s", floor.cpuMicrosPerMessage(),
                floor.perWhat(), floor.serverCpuMicrosPerMessage() < 0 ? ""
                        : String.format(Locale.ROOT, " (server %.1f)", floor.serverCpuMicrosPerMessage()));
    }

    static void print(PrintWriter progress, String line) {
        if (progress != null) {
            progress.println(line);
        }
    }
}
