package io.pushbench.core.engine.compare;

import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TlsTrust;
import io.pushbench.core.genfloor.GeneratorFloorRun;
import io.pushbench.core.result.GeneratorFloorResult;
import io.pushbench.core.spec.LoadModel;
import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.spec.Workload;
import io.pushbench.core.transport.Transport;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * The generator floor ({@link GeneratorFloorRun}) of a comparison: a bare WebSocket echo client for
 * echo runs, bare SSE readers for broadcast runs, against a reference server session at the run's
 * load. A floor that cannot be measured is said and left out; the transports never depend on it.
 */
public final class CompareGeneratorFloor {

    private CompareGeneratorFloor() {
    }

    /** Why {@code spec} gets no generator floor, or null when it gets one. */
    public static String whyNot(RunSpec spec) {
        if (!(spec.load() instanceof LoadModel.ConstantRate)) {
            return "it runs at a constant rate, which this load model has none of";
        }
        if (spec.workload() != Workload.ECHO && spec.workload() != Workload.BROADCAST) {
            return "it exists for echo and broadcast runs only, not for workload " + spec.workload().id();
        }
        return null;
    }

    /**
     * The floor of {@code spec} against {@code session}: broadcasts go into its hub when it is in this process,
     * else to its publish endpoint. {@link #whyNot} must be null.
     */
    static GeneratorFloorRun of(RunSpec spec, ReferenceServers.Session session) {
        GeneratorFloorRun.Load load = GeneratorFloorRun.Load.bounded(spec.subscribers(), rate(spec),
                spec.messageSize(), spec.warmup(), spec.duration());
        GeneratorFloorRun run;
        if (spec.workload() == Workload.ECHO) {
            run = GeneratorFloorRun.echo(session.target(Transport.WEBSOCKET, Workload.ECHO), load);
        } else {
            Target events = session.target(Transport.SSE_HTTP1, Workload.BROADCAST);
            ReferenceServers.InProcessHub hub = session.hub();
            run = hub != null
                    ? GeneratorFloorRun.broadcast(events,
                            (sequence, now) -> hub.publishEnvelope(sequence, now, spec.messageSize()), load)
                    : GeneratorFloorRun.broadcast(events, Target.of(session.publishUrl()), load);
        }
        TlsTrust trust = session.trust();
        if (trust != null) {
            run.trust(trust);
        }
        return run.serverCpuNanos(session.serverCpuNanos());
    }

    /** The constant rate of {@code spec}, messages per second; {@link #whyNot} must be null. */
    public static double rate(RunSpec spec) {
        return ((LoadModel.ConstantRate) spec.load()).perSecond();
    }

    /**
     * Runs {@code run}, telling {@code notMeasured} why when it cannot be measured.
     *
     * @return the floor, or null when it failed or was stopped
     */
    public static GeneratorFloorResult measure(GeneratorFloorRun run, Consumer<String> notMeasured)
            throws InterruptedException {
        try {
            GeneratorFloorResult floor = run.run();
            if (floor == null) {
                notMeasured.accept("stopped");
            }
            return floor;
        } catch (IOException e) {
            notMeasured.accept(e.getMessage());
            return null;
        }
    }
}
