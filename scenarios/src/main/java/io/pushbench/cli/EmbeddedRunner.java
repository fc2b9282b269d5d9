package io.pushbench.cli;

import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.Drivers;
import io.pushbench.core.driver.JdkTls;
import io.pushbench.core.driver.TlsTrust;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.driver.browser.BrowserOptions;
import io.pushbench.core.netty.NettyIo;
import io.pushbench.core.engine.FloorRun;
import io.pushbench.core.engine.ProcessClocks;
import io.pushbench.core.engine.TransportRun;
import io.pushbench.core.spec.Workload;
import io.pushbench.core.genfloor.GeneratorFloorRun;
import io.pushbench.core.result.Environment;
import io.pushbench.core.result.FloorResult;
import io.pushbench.core.result.GeneratorFloorResult;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.RunResult;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;
import io.pushbench.server.Paths;
import io.pushbench.server.ReferenceServer;
import io.pushbench.server.tls.SelfSignedCertificate;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a {@link RunSpec}'s transports and client stacks one after the other, each against a
 * fresh embedded reference server or all against one running {@code pushbench serve}, and
 * rewrites {@code result.json} after each, so that an interrupted run keeps every transport it
 * finished. With the floor on, a raw TCP ping-pong ({@link FloorRun}) is measured first, so that
 * every transport can be read against it; with the generator floor on, a bare client
 * ({@link GeneratorFloors}) is measured after the transports, so that pushbench's own CPU per
 * message can be.
 *
 * <p>Against a running server, broadcasts are published by {@code POST}ing each envelope to its
 * {@value Paths#PUBLISH} on the plan's schedule, stamped with the planned time; a publish that
 * fails (the server is down) is counted as an error and its message shows up as lost. The
 * server's CPU is not measured then: {@code serverCpuMillis} is -1 in {@code result.json}.
 */
final class EmbeddedRunner {

    /** The embedded server's threads are named with this prefix, which is how its CPU time is told apart. */
    private static final String SERVER_THREADS = "server-";

    private final RunSpec spec;
    private final URI server;
    private final int port;
    private final Duration delay;
    private final int ioThreads;
    private final PrintWriter progress;
    private final boolean measureFloor;
    private volatile boolean interrupted;
    private volatile TransportRun current;
    private volatile FloorRun currentFloor;
    private FloorResult floor;
    private boolean measureGeneratorFloor;
    private volatile GeneratorFloorRun currentGeneratorFloor;
    private BrowserOptions browser = BrowserOptions.DEFAULTS;
    private GeneratorFloorResult generatorFloor;

    /**
     * A runner with an embedded server per transport.
     *
     * @param port      the embedded server's port, 0 for a free one
     * @param delay     delay the server adds to every broadcast (calibration), usually zero
     * @param ioThreads client I/O threads, 0 for the stack's default
     * @param progress  where to print progress lines, or null for none
     * @param floor     whether to measure the floor before the transports (open load models only)
     */
    EmbeddedRunner(RunSpec spec, int port, Duration delay, int ioThreads, PrintWriter progress, boolean floor) {
        this(spec, null, port, delay, ioThreads, progress, floor);
    }

    /**
     * A runner against a running reference server.
     *
     * @param server    {@code http://host:port} of a {@code pushbench serve}
     * @param ioThreads client I/O threads, 0 for the stack's default
     * @param progress  where to print progress lines, or null for none
     * @param floor     whether to measure the floor (on this host) before the transports
     */
    static EmbeddedRunner against(URI server, RunSpec spec, int ioThreads, PrintWriter progress, boolean floor) {
        return new EmbeddedRunner(spec, server, 0, Duration.ZERO, ioThreads, progress, floor);
    }

    private EmbeddedRunner(RunSpec spec, URI server, int port, Duration delay, int ioThreads, PrintWriter progress,
                           boolean floor) {
        this.spec = spec;
        this.server = server;
        this.port = port;
        this.delay = delay;
        this.ioThreads = ioThreads;
        this.progress = progress;
        this.measureFloor = floor;
    }

    /** How the browser stack spreads its connections over pages. Default: {@link BrowserOptions#DEFAULTS}. */
    EmbeddedRunner browser(BrowserOptions options) {
        this.browser = options;
        return this;
    }

    /**
     * Whether to measure the generator floor ({@link GeneratorFloors}) after the transports: a bare
     * client against the same server at the same load. Default: off.
     *
     * @return this runner
     */
    EmbeddedRunner generatorFloor(boolean on) {
        this.measureGeneratorFloor = on;
        return this;
    }

    /** CPU time used so far by the in-process reference server's threads, nanoseconds (-1 when unknown). */
    static long serverCpuNanos() {
        return ProcessClocks.threadsCpuNanos(name -> name.startsWith(SERVER_THREADS));
    }

    /**
     * Starts a fresh reference server on loopback.
     *
     * @param port      0 for a free one
     * @param delay     delay the server adds to every broadcast, usually zero
     * @param heartbeat the server's heartbeat interval
     * @throws UserError naming {@code --port} when the port is taken
     */
    /**
     * Client I/O threads for a run: those asked for, or by default, with the server embedded in this
     * process, {@link NettyIo#sharedProcessThreads()} (0, the stack's default, otherwise).
     */
    static int clientThreads(int requested, boolean embeddedServer) {
        return requested == 0 && embeddedServer ? NettyIo.sharedProcessThreads() : requested;
    }

    static ReferenceServer startServer(int port, Duration delay, Duration heartbeat) {
        return startServer(port, delay, heartbeat, false);
    }

    /** As {@link #startServer(int, Duration, Duration)}, with a TLS port too (a free one, self-signed) when {@code tls}. */
    static ReferenceServer startServer(int port, Duration delay, Duration heartbeat, boolean tls) {
        try {
            ReferenceServer.Builder builder = ReferenceServer.builder().port(port).delay(delay).heartbeatInterval(heartbeat);
            return (tls ? builder.tlsPort(0) : builder).start();
        } catch (BindException e) {
            throw UserError.failure("--port " + port + ": " + e.getMessage());
        }
    }

    /**
     * Runs every transport with every client stack, writing results into {@code dir}: a
     * {@code result.json} without {@code finishedAt} before the first and after each, so that a
     * run killed at any point leaves one that says it did not finish, and the finished one at the end.
     */
    List<TransportResult> runAll(Path dir) throws IOException, InterruptedException {
        String startedAt = Instant.now().toString();
        Environment environment = Environment.capture(Environment.MONOTONIC_ONE_HOST);
        List<TransportResult> results = new ArrayList<>();
        checkPortFree();
        ResultFiles.write(dir, new RunResult(RunResult.FORMAT, startedAt, null, false, spec, environment, results));
        if (measureFloor) {
            floor = runFloor(dir);
            ResultFiles.write(dir, new RunResult(RunResult.FORMAT, startedAt, null, interrupted, spec, environment,
                    results).withFloor(floor));
        }
        for (Transport transport : spec.transports()) {
            for (ClientStack client : spec.clients()) {
                if (interrupted) {
                    break;
                }
                results.add(runOne(transport, client, dir));
                ResultFiles.write(dir, new RunResult(RunResult.FORMAT, startedAt, null, interrupted, spec,
                        environment, results).withFloor(floor));
            }
        }
        // Last, when the JIT has compiled the Netty paths the bare client shares with the drivers: measured
        // first, in a cold JVM, its few seconds would carry the compiler's CPU and understate every multiple.
        if (measureGeneratorFloor && !interrupted) {
            generatorFloor = runGeneratorFloor();
        }
        ResultFiles.write(dir, new RunResult(RunResult.FORMAT, startedAt, Instant.now().toString(), interrupted, spec,
                environment, results).withFloor(floor).withGeneratorFloor(generatorFloor));
        return results;
    }

    /**
     * The generator floor measured by {@link #runAll}, with each transport's generator CPU as a
     * multiple of it, or null when it was not (off, a workload without one, failed).
     */
    GeneratorFloorResult measuredGeneratorFloor(List<TransportResult> results) {
        return generatorFloor == null ? null : generatorFloor.withMultiples(results);
    }

    /**
     * Measures the generator floor against a fresh embedded server, or the running one; one that
     * cannot be measured is reported and left out, as the floor is.
     */
    private GeneratorFloorResult runGeneratorFloor() throws InterruptedException {
        String why = GeneratorFloors.whyNot(spec);
        if (why != null) {
            print("generator floor: not measured: " + why);
            return null;
        }
        print(GeneratorFloors.announce(spec));
        if (server != null) {
            return measureGeneratorFloor(GeneratorFloors.against(spec, server));
        }
        try (ReferenceServer embedded = startServer(port, delay, spec.heartbeat(), spec.tls())) {
            return measureGeneratorFloor(GeneratorFloors.inProcess(spec, embedded));
        }
    }

    private GeneratorFloorResult measureGeneratorFloor(GeneratorFloorRun run) throws InterruptedException {
        currentGeneratorFloor = run;
        if (interrupted) {
            run.stop();
        }
        try {
            return GeneratorFloors.measure(run, progress);
        } finally {
            currentGeneratorFloor = null;
        }
    }

    /** The floor measured by {@link #runAll}, or null when it was not (off, closed model, failed). */
    FloorResult floor() {
        return floor;
    }

    /**
     * Measures the floor; a floor that cannot be measured is reported and left out rather than
     * failing the comparison, whose transports do not depend on it.
     */
    private FloorResult runFloor(Path dir) throws InterruptedException {
        if (!spec.load().isOpen()) {
            print("floor: not measured: a closed model has no rate to send it at");
            return null;
        }
        if (spec.workload() == Workload.IDLE) {
            print("floor: not measured: an idle run sends no messages to compare with it");
            return null;
        }
        FloorRun run = new FloorRun(spec);
        if (spec.tls()) {
            SelfSignedCertificate certificate = SelfSignedCertificate.generate(List.of());
            run.overTls(certificate.serverContext(), JdkTls.of(TlsTrust.certificates(certificate.certificate())).context());
        }
        print("measuring the floor: raw " + (spec.tls() ? "TLS" : "TCP") + " ping-pong on loopback, the run's rate "
                + "and size (warm-up at most "
                + Durations.format(FloorRun.MAX_WARMUP) + ", measured at most " + Durations.format(FloorRun.MAX_MEASURED)
                + ")");
        currentFloor = run;
        if (interrupted) {
            run.stop();
        }
        try {
            return run.run(dir);
        } catch (IOException e) {
            print("floor: not measured: " + e.getMessage());
            return null;
        } finally {
            currentFloor = null;
        }
    }

    /**
     * Fails now when a fixed {@code --port} is taken, rather than after the floor's seconds: the
     * servers bind it only later. A port taken in between still fails when the server starts.
     */
    /** A fixed {@code --port} that is taken is refused before anything runs or is written. */
    private void checkPortFree() {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(ReferenceServer.DEFAULT_BIND, port));
        } catch (IOException e) {
            throw UserError.failure("--port " + port + ": cannot listen on " + ReferenceServer.DEFAULT_BIND + ":"
                    + port + ": " + e.getMessage());
        }
    }

    private void print(String line) {
        if (progress != null) {
            progress.println(line);
        }
    }

    /**
     * Ends the run early: the transport running now stops and keeps what it measured, the rest
     * are skipped, and {@code result.json} is marked interrupted. Safe from any thread (a shutdown hook).
     */
    void interrupt() {
        interrupted = true;
        FloorRun floorRun = currentFloor;
        if (floorRun != null) {
            floorRun.stop();
        }
        GeneratorFloorRun generatorFloorRun = currentGeneratorFloor;
        if (generatorFloorRun != null) {
            generatorFloorRun.stop();
        }
        TransportRun run = current;
        if (run != null) {
            run.stop();
        }
    }

    /** Whether {@link #interrupt()} was called. */
    boolean wasInterrupted() {
        return interrupted;
    }

    /**
     * Runs one transport with one client stack against a fresh embedded server or the running one;
     * writes its histogram log into {@code dir}.
     */
    TransportResult runOne(Transport transport, ClientStack client, Path dir) throws InterruptedException {
        if (progress != null) {
            progress.printf("running %s with %s%s: %d %s, %s warm-up, %s measured%n", transport, client,
                    spec.tls() ? " over TLS" : "",
                    spec.subscribers(), spec.workload() == Workload.ECHO || spec.workload() == Workload.CHAT
                            ? "clients" : "subscribers",
                    Durations.format(spec.warmup()), Durations.format(spec.duration()));
        }
        DriverOptions options = new DriverOptions(clientThreads(ioThreads, server == null), spec.streamsPerConnection(),
                spec.heartbeat()).withBrowser(browser);
        if (server != null) {
            String hostPort = server.getHost() + ":" + server.getPort();
            if (spec.workload() != Workload.BROADCAST) {
                return measure(transport, client, options, dir, hostPort, run -> { });
            }
            try (PublishPath publish = PublishPath.open(URI.create("http://" + hostPort + Paths.PUBLISH), Map.of(),
                    options, PublishProtocol.HTTP1)) {
                return measure(transport, client, options, dir, hostPort, run -> run.upstream(publish.upstream()));
            }
        }
        ReferenceServer embedded = startServer(port, delay, spec.heartbeat(), spec.tls());
        try (embedded) {
            return measure(transport, client, trusting(options, embedded), dir, hostPort(embedded, spec.tls()), run -> run
                    .publisher((sequence, intended) -> embedded.hub().publishEnvelope(sequence, intended,
                            spec.messageSize()))
                    .serverCpuNanos(EmbeddedRunner::serverCpuNanos));
        }
    }

    /** Where {@code server} listens: its TLS port when {@code tls}, else its plain port, as {@code host:port}. */
    static String hostPort(ReferenceServer server, boolean tls) {
        return server.host() + ":" + (tls ? server.tlsPort() : server.port());
    }

    /** {@code options} trusting {@code server}'s own certificate when it has a TLS port (it is self-signed). */
    static DriverOptions trusting(DriverOptions options, ReferenceServer server) {
        if (server.tlsPort() == ReferenceServer.TLS_OFF) {
            return options;
        }
        return options.withTrust(TlsTrust.certificates(server.tlsCertificate()));
    }

    /** Runs one transport against the server at {@code hostPort}, whose publishing {@code serverSide} sets up. */
    private TransportResult measure(Transport transport, ClientStack client, DriverOptions options, Path dir,
                                    String hostPort, Consumer<TransportRun.Builder> serverSide)
            throws InterruptedException {
        try (TransportDriver driver = Drivers.create(transport, client, options)) {
            TransportRun.Builder run = TransportRun.builder()
                    .spec(spec)
                    .driver(driver)
                    .target(ReferenceTargets.of(hostPort, transport, spec.workload(), spec.tls()))
                    .resultDir(dir);
            serverSide.accept(run);
            if (progress != null) {
                run.progress(new ProgressPrinter(progress, transport.id()));
            }
            TransportRun transportRun = run.build();
            current = transportRun;
            if (interrupted) {
                transportRun.stop();
            }
            try {
                return transportRun.run();
            } finally {
                current = null;
            }
        }
    }
}
