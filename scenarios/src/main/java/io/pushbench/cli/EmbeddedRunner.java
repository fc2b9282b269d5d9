package io.pushbench.cli;

import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.Drivers;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.engine.ProcessClocks;
import io.pushbench.core.engine.RunSpec;
import io.pushbench.core.engine.TransportRun;
import io.pushbench.core.engine.Workload;
import io.pushbench.core.result.Environment;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.RunResult;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;
import io.pushbench.server.ReferenceServer;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link RunSpec}'s transports and client stacks one after the other, each against a
 * fresh embedded reference server, and rewrites {@code result.json} after each, so that an
 * interrupted run keeps every transport it finished.
 */
final class EmbeddedRunner {

    /** The embedded server's threads are named with this prefix, which is how its CPU time is told apart. */
    private static final String SERVER_THREADS = "server-";

    private final RunSpec spec;
    private final int port;
    private final Duration delay;
    private final int ioThreads;
    private final PrintWriter progress;
    private volatile boolean interrupted;
    private volatile TransportRun current;

    /**
     * @param port      the embedded server's port, 0 for a free one
     * @param delay     delay the server adds to every broadcast (calibration), usually zero
     * @param ioThreads client I/O threads, 0 for the stack's default
     * @param progress  where to print progress lines, or null for none
     */
    EmbeddedRunner(RunSpec spec, int port, Duration delay, int ioThreads, PrintWriter progress) {
        this.spec = spec;
        this.port = port;
        this.delay = delay;
        this.ioThreads = ioThreads;
        this.progress = progress;
    }

    /** @throws UserError naming the first transport and stack that have no driver */
    static void checkSupported(RunSpec spec) {
        for (Transport t : spec.transports()) {
            for (ClientStack c : spec.clients()) {
                if (!Drivers.supports(t, c)) {
                    throw UserError.usage("--transports/--clients: no " + c.id() + " driver for " + t.id());
                }
            }
        }
    }

    /**
     * Starts a fresh reference server on loopback.
     *
     * @param port  0 for a free one
     * @param delay delay the server adds to every broadcast, usually zero
     * @throws UserError naming {@code --port} when the port is taken
     */
    static ReferenceServer startServer(int port, Duration delay) {
        try {
            return ReferenceServer.builder().port(port).delay(delay).start();
        } catch (BindException e) {
            throw UserError.failure("--port " + port + ": " + e.getMessage());
        }
    }

    /** Runs every transport with every client stack, writing results into {@code dir}. */
    List<TransportResult> runAll(Path dir) throws IOException, InterruptedException {
        String startedAt = Instant.now().toString();
        Environment environment = Environment.capture(Environment.MONOTONIC_ONE_HOST);
        List<TransportResult> results = new ArrayList<>();
        for (Transport transport : spec.transports()) {
            for (ClientStack client : spec.clients()) {
                if (interrupted) {
                    return results;
                }
                results.add(runOne(transport, client, dir));
                ResultFiles.write(dir, new RunResult(RunResult.FORMAT, startedAt, Instant.now().toString(),
                        interrupted, spec, environment, results));
            }
        }
        return results;
    }

    /**
     * Ends the run early: the transport running now stops and keeps what it measured, the rest
     * are skipped, and {@code result.json} is marked interrupted. Safe from any thread (a shutdown hook).
     */
    void interrupt() {
        interrupted = true;
        TransportRun run = current;
        if (run != null) {
            run.stop();
        }
    }

    /** Whether {@link #interrupt()} was called. */
    boolean wasInterrupted() {
        return interrupted;
    }

    /** Runs one transport with one client stack against a fresh server; writes its histogram log into {@code dir}. */
    TransportResult runOne(Transport transport, ClientStack client, Path dir) throws InterruptedException {
        if (progress != null) {
            progress.printf("running %s with %s: %d %s, %s warm-up, %s measured%n", transport, client,
                    spec.subscribers(), spec.workload() == Workload.ECHO ? "clients" : "subscribers",
                    Durations.format(spec.warmup()), Durations.format(spec.duration()));
        }
        ReferenceServer server = startServer(port, delay);
        try (server; TransportDriver driver = Drivers.create(transport, client,
                new DriverOptions(ioThreads, spec.streamsPerConnection()))) {
            TransportRun.Builder run = TransportRun.builder()
                    .spec(spec)
                    .driver(driver)
                    .target(ReferenceTargets.of(server, transport, spec.workload()))
                    .publisher((sequence, intended) -> server.hub().publishEnvelope(sequence, intended,
                            spec.messageSize()))
                    .serverCpuNanos(() -> ProcessClocks.threadsCpuNanos(name -> name.startsWith(SERVER_THREADS)))
                    .resultDir(dir);
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
