package io.pushbench.cli;

import io.pushbench.core.driver.Target;
import io.pushbench.core.spec.CapacityMode;
import io.pushbench.core.engine.CapacityRun;
import io.pushbench.core.spec.CapacitySpec;
import io.pushbench.core.genfloor.GeneratorFloorRun;
import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.GeneratorFloorResult;
import io.pushbench.core.transport.Transport;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The generator floor of {@code capacity}: after each step, a bare client ({@link GeneratorFloorRun})
 * runs for a few seconds at that step's connections and rate against the same server, while
 * pushbench's own connections sit idle, so that the step's generator CPU per message can be read as
 * a multiple of the least a client pays at that load. The server runs in another process, so the
 * whole process's CPU is the client's, for the floor as for pushbench.
 *
 * <p>Measured for WebSocket echo ({@code ws://}) and for SSE over HTTP/1.1 in pubsub with an
 * {@code http://} publish URL; for steps of at most {@value #MAX_CONNECTIONS} connections (above,
 * a floor per step would open thousands of extra connections on the server each time).
 *
 * <p>Wraps the run's listener: each step is passed on first (its line printed, {@code result.json}
 * written), then the floor runs and {@code result.json} is written again with it. Calls come from
 * the run's thread, except {@link #stop()}.
 */
final class CapacityGeneratorFloor implements CapacityRun.Listener {

    /** Steps with more connections get no floor. */
    static final int MAX_CONNECTIONS = 1000;

    private final CapacityRun.Listener next;
    private final CapacitySpec spec;
    private final Target target;
    private final Target publish;
    private final Path dir;
    private final PrintWriter progress;
    private final Map<Integer, GeneratorFloorResult> floors = new ConcurrentSkipListMap<>();
    private volatile GeneratorFloorRun current;
    private volatile boolean stopped;

    /**
     * @param target   where the step's connections go ({@code --url}, its headers)
     * @param publish  where pubsub publishes ({@code --publish-url}, the same headers), null for echo
     * @param progress where to print the floor's lines, or null
     */
    CapacityGeneratorFloor(CapacityRun.Listener next, CapacitySpec spec, Target target, Target publish, Path dir,
                           PrintWriter progress) {
        this.next = next;
        this.spec = spec;
        this.target = target;
        this.publish = publish;
        this.dir = dir;
        this.progress = progress;
    }

    /** Why a capacity run at {@code spec} gets no generator floor, or null when it gets one. */
    static String whyNot(CapacitySpec spec) {
        String scheme = spec.url().getScheme().toLowerCase(Locale.ROOT);
        if (spec.mode() == CapacityMode.ECHO && spec.transport() == Transport.WEBSOCKET && scheme.equals("ws")) {
            return null;
        }
        if (spec.mode() == CapacityMode.PUBSUB && spec.transport() == Transport.SSE_HTTP1 && scheme.equals("http")
                && spec.sendUrl() != null && spec.sendUrl().getScheme().equalsIgnoreCase("http")) {
            return null;
        }
        return "the bare clients are a WebSocket echo client (--mode echo, ws://) and SSE readers (--mode pubsub, "
                + "--transport sse-http1, http:// --url and --publish-url); this run is " + spec.mode() + " over "
                + spec.transport().id() + " at " + scheme + "://";
    }

    @Override
    public void onStepStart(int index, int steps, int connections, double rate) {
        next.onStepStart(index, steps, connections, rate);
    }

    @Override
    public void onTick(CapacityRun.Tick tick) {
        next.onTick(tick);
    }

    @Override
    public void onStep(CapacityResult.Step step, CapacityResult soFar) {
        next.onStep(step, soFar);
        if (stopped) {
            return;
        }
        if (step.connections() > MAX_CONNECTIONS) {
            GeneratorFloors.print(progress, "  generator floor: not measured for step " + step.index() + ": more than "
                    + MAX_CONNECTIONS + " connections");
            return;
        }
        GeneratorFloorRun.Load load = GeneratorFloorRun.Load.bounded(step.connections(), step.rate(),
                spec.messageSize(), spec.stepWarmup(), spec.stepDuration());
        GeneratorFloorRun run = spec.mode() == CapacityMode.ECHO ? GeneratorFloorRun.echo(target, load)
                : GeneratorFloorRun.broadcast(target, publish, load);
        GeneratorFloors.print(progress, "  " + GeneratorFloors.announce(spec.mode() == CapacityMode.ECHO
                ? "bare WebSocket echo client" : "bare SSE readers", step.connections(), step.rate(),
                spec.messageSize()));
        current = run;
        if (stopped) {
            run.stop();
        }
        GeneratorFloorResult floor;
        try {
            floor = GeneratorFloors.measure(run, progress);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } finally {
            current = null;
        }
        if (floor == null) {
            return;
        }
        floors.put(step.index(), floor);
        CapacityResult withFloor = withFloors(soFar);
        GeneratorFloorResult measured = withFloor.generatorFloorOf(step);
        double multiple = measured.multipleOf(step.result());
        GeneratorFloors.print(progress, "  generator floor: " + GeneratorFloors.figure(measured)
                + (multiple < 0 ? "" : String.format(Locale.ROOT, "; pushbench's step %d: %.1fx", step.index(),
                        multiple)));
        ResultDirectory.write(dir, withFloor);
    }

    /** {@code result} with the floors measured so far. */
    CapacityResult withFloors(CapacityResult result) {
        return result.withGeneratorFloors(floors);
    }

    /** Ends the floor running now, if any, and runs no other. Safe from any thread. */
    void stop() {
        stopped = true;
        GeneratorFloorRun run = current;
        if (run != null) {
            run.stop();
        }
    }
}
