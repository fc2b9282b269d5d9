package io.pushbench.core.engine.compare;

import io.pushbench.core.driver.BrowserOptions;
import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.Drivers;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.engine.FloorRun;
import io.pushbench.core.engine.StartGate;
import io.pushbench.core.engine.TransportRun;
import io.pushbench.core.genfloor.GeneratorFloorRun;
import io.pushbench.core.engine.ClientEventLoops;
import io.pushbench.core.record.IntervalLog;
import io.pushbench.core.result.Environment;
import io.pushbench.core.result.FloorResult;
import io.pushbench.core.result.GeneratorFloorResult;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.RunResult;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.spec.ShardSlice;
import io.pushbench.core.spec.Workload;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs a {@link RunSpec}'s transports and client stacks one after the other, each against a server
 * session of {@link ReferenceServers} (a fresh in-process server, or the one running elsewhere), and
 * rewrites {@code result.json} after each, so that an interrupted run keeps every transport it
 * finished. With the floor on, a raw TCP (or TLS) ping-pong ({@link FloorRun}) is measured first, so
 * that every transport can be read against it; with the generator floor on, a bare client
 * ({@link CompareGeneratorFloor}) is measured after the transports, so that pushbench's own CPU per
 * message can be.
 *
 * <p>Against a server elsewhere, broadcasts are published by {@code POST}ing each envelope to its
 * publish endpoint on the plan's schedule, stamped with the planned time; a publish that fails (the
 * server is down) is counted as an error and its message shows up as lost. That server's CPU is not
 * measured: {@code serverCpuMillis} is -1 in {@code result.json}.
 *
 * <p>One thread runs it; {@link #interrupt()} may come from any other (a shutdown hook).
 */
public final class Comparison {

    private final RunSpec spec;
    private final ReferenceServers servers;
    private final int ioThreads;
    private final ComparisonListener listener;
    private final boolean measureFloor;
    private final boolean measureGeneratorFloor;
    private final ShardSlice slice;
    private final StartGate startGate;
    private final BrowserOptions browser;
    private final Stopping stopping = new Stopping();
    private FloorResult floor;
    private GeneratorFloorResult generatorFloor;

    private Comparison(Builder b) {
        this.spec = Objects.requireNonNull(b.spec, "spec");
        this.servers = Objects.requireNonNull(b.servers, "servers");
        this.ioThreads = b.ioThreads;
        this.listener = b.listener;
        this.measureFloor = b.floor;
        this.measureGeneratorFloor = b.generatorFloor;
        this.slice = b.slice;
        this.startGate = b.startGate;
        this.browser = b.browser;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs every transport with every client stack, writing results into {@code dir}: a
     * {@code result.json} without {@code finishedAt} before the first and after each, so that a
     * run killed at any point leaves one that says it did not finish, and the finished one at the end.
     *
     * @throws IOException when {@code result.json} cannot be written
     */
    public List<TransportResult> runAll(Path dir) throws IOException, InterruptedException {
        String startedAt = Instant.now().toString();
        Environment environment = Environment.capture(Environment.MONOTONIC_ONE_HOST);
        List<TransportResult> results = new ArrayList<>();
        servers.check();
        ResultFiles.write(dir, new RunResult(RunResult.FORMAT, startedAt, null, false, spec, environment, results));
        if (measureFloor) {
            floor = runFloor(dir);
            ResultFiles.write(dir, new RunResult(RunResult.FORMAT, startedAt, null, stopping.requested(), spec,
                    environment, results).withFloor(floor));
        }
        for (Transport transport : spec.transports()) {
            for (ClientStack client : spec.clients()) {
                if (stopping.requested()) {
                    break;
                }
                results.add(runOne(transport, client, dir));
                ResultFiles.write(dir, new RunResult(RunResult.FORMAT, startedAt, null, stopping.requested(), spec,
                        environment, results).withFloor(floor));
            }
        }
        // Last, when the JIT has compiled the Netty paths the bare client shares with the drivers: measured
        // first, in a cold JVM, its few seconds would carry the compiler's CPU and understate every multiple.
        if (measureGeneratorFloor && !stopping.requested()) {
            generatorFloor = runGeneratorFloor();
        }
        ResultFiles.write(dir, new RunResult(RunResult.FORMAT, startedAt, Instant.now().toString(),
                stopping.requested(), spec, environment, results).withFloor(floor).withGeneratorFloor(generatorFloor));
        return results;
    }

    /** The floor measured by {@link #runAll}, or null when it was not (off, closed model, failed). */
    public FloorResult floor() {
        return floor;
    }

    /**
     * The generator floor measured by {@link #runAll}, with each transport's generator CPU as a
     * multiple of it, or null when it was not (off, a workload without one, failed).
     */
    public GeneratorFloorResult measuredGeneratorFloor(List<TransportResult> results) {
        return generatorFloor == null ? null : generatorFloor.withMultiples(results);
    }

    /**
     * Ends the run early: what runs now (a floor or a transport) stops and keeps what it measured, the
     * rest is skipped, and {@code result.json} is marked interrupted. Safe from any thread.
     */
    public void interrupt() {
        stopping.request();
    }

    /** Whether {@link #interrupt()} was called. */
    public boolean wasInterrupted() {
        return stopping.requested();
    }

    /**
     * Runs one transport with one client stack against a fresh server session; writes its histogram
     * log into {@code dir}.
     */
    public TransportResult runOne(Transport transport, ClientStack client, Path dir) throws InterruptedException {
        listener.transportStarting(transport, client, spec);
        DriverOptions options = new DriverOptions(
                ClientEventLoops.forPlan(ioThreads, ClientEventLoops.plannedMessages(spec), servers.onThisMachine()),
                spec.streamsPerConnection(), spec.heartbeat()).withBrowser(browser);
        try (ReferenceServers.Session session = servers.open()) {
            ReferenceServers.InProcessHub hub = session.hub();
            if (hub != null) {
                return measure(transport, client, session.trusting(options), session, dir, run -> run.publisher(
                        (sequence, intended) -> hub.publishEnvelope(sequence, intended, spec.messageSize())));
            }
            if (spec.workload() != Workload.BROADCAST) {
                return measure(transport, client, session.trusting(options), session, dir, run -> { });
            }
            try (ReferenceServers.Publishing publishing = session.openPublishing(options)) {
                return measure(transport, client, session.trusting(options), session, dir,
                        run -> run.upstream(publishing.upstream()));
            }
        }
    }

    /** Runs one transport against {@code session}, whose publishing {@code publishes} sets up. */
    private TransportResult measure(Transport transport, ClientStack client, DriverOptions options,
                                    ReferenceServers.Session session, Path dir,
                                    Consumer<TransportRun.Builder> publishes) throws InterruptedException {
        try (TransportDriver driver = Drivers.create(transport, client, options)) {
            TransportRun.Builder builder = TransportRun.builder()
                    .spec(spec)
                    .driver(driver)
                    .target(session.target(transport, spec.workload()))
                    .serverCpuNanos(session.serverCpuNanos())
                    .resultDir(dir)
                    .shard(slice)
                    .startGate(startGate);
            publishes.accept(builder);
            IntervalLog.IntervalListener intervals = listener.intervals(transport);
            if (intervals != null) {
                builder.progress(intervals);
            }
            TransportRun run = builder.build();
            return stopping.whileRunning(run::stop, run::run);
        }
    }

    /**
     * Measures the floor; a floor that cannot be measured is said and left out rather than failing the
     * comparison, whose transports do not depend on it.
     */
    private FloorResult runFloor(Path dir) throws InterruptedException {
        if (!spec.load().isOpen()) {
            listener.floorSkipped("a closed model has no rate to send it at");
            return null;
        }
        if (spec.workload() == Workload.IDLE) {
            listener.floorSkipped("an idle run sends no messages to compare with it");
            return null;
        }
        FloorRun run = new FloorRun(spec);
        if (spec.tls()) {
            ReferenceServers.FloorTls tls = servers.floorTls();
            run.overTls(tls.server(), tls.client());
        }
        listener.floorStarting(spec);
        try {
            return stopping.whileRunning(run::stop, () -> run.run(dir));
        } catch (IOException e) {
            listener.floorSkipped(e.getMessage());
            return null;
        }
    }

    /**
     * Measures the generator floor against a fresh server session; one that cannot be measured is said
     * and left out, as the floor is.
     */
    private GeneratorFloorResult runGeneratorFloor() throws InterruptedException {
        String why = CompareGeneratorFloor.whyNot(spec);
        if (why != null) {
            listener.generatorFloorSkipped(why);
            return null;
        }
        listener.generatorFloorStarting(spec);
        try (ReferenceServers.Session session = servers.open()) {
            GeneratorFloorRun run = CompareGeneratorFloor.of(spec, session);
            return stopping.whileRunning(run::stop,
                    () -> CompareGeneratorFloor.measure(run, listener::generatorFloorSkipped));
        }
    }

    /** Sets up a {@link Comparison}; {@code spec} and {@code servers} are required. */
    public static final class Builder {
        private RunSpec spec;
        private ReferenceServers servers;
        private int ioThreads;
        private ComparisonListener listener = ComparisonListener.QUIET;
        private boolean floor;
        private boolean generatorFloor;
        private ShardSlice slice = ShardSlice.WHOLE;
        private StartGate startGate = StartGate.IMMEDIATE;
        private BrowserOptions browser = BrowserOptions.DEFAULTS;

        private Builder() {
        }

        /** The transports, client stacks and workload to compare. */
        public Builder spec(RunSpec spec) {
            this.spec = spec;
            return this;
        }

        /** Where each transport's server comes from. */
        public Builder servers(ReferenceServers servers) {
            this.servers = servers;
            return this;
        }

        /** Client I/O threads, 0 for the default ({@link ClientEventLoops#forPlan}). Default: 0. */
        public Builder ioThreads(int ioThreads) {
            this.ioThreads = ioThreads;
            return this;
        }

        /** Who is told of the run's progress. Default: nobody. */
        public Builder listener(ComparisonListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Whether to measure the floor before the transports (open load models only). Default: off. */
        public Builder floor(boolean on) {
            this.floor = on;
            return this;
        }

        /**
         * Whether to measure the generator floor after the transports: a bare client against the same
         * kind of server at the same load. Default: off.
         */
        public Builder generatorFloor(boolean on) {
            this.generatorFloor = on;
            return this;
        }

        /**
         * Runs one shard of a bigger run: its share of the connections and of the plan, each transport
         * started when {@code gate} says (the shards' common start). Default: the whole run, at once.
         */
        public Builder shard(ShardSlice slice, StartGate gate) {
            this.slice = Objects.requireNonNull(slice, "slice");
            this.startGate = Objects.requireNonNull(gate, "gate");
            return this;
        }

        /** How the browser stack spreads its connections over pages. Default: {@link BrowserOptions#DEFAULTS}. */
        public Builder browser(BrowserOptions browser) {
            this.browser = Objects.requireNonNull(browser, "browser");
            return this;
        }

        public Comparison build() {
            return new Comparison(this);
        }
    }
}
