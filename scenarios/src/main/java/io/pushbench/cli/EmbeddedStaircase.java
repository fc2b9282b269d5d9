package io.pushbench.cli;

import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.Drivers;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.engine.CapacityRun;
import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.spec.CapacityMode;
import io.pushbench.core.spec.CapacitySpec;
import io.pushbench.core.spec.Ramp;
import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.spec.Slo;
import io.pushbench.core.spec.Workload;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;
import io.pushbench.server.Paths;
import io.pushbench.server.ReferenceServer;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code compare} with a rate staircase: climbs it through each transport and client stack of a
 * {@link RunSpec}, one after the other, each against a fresh embedded reference server, with the
 * capacity engine ({@link CapacityRun}). Each step holds the spec's subscribers (or echo clients)
 * for its warm-up, measured phase and drain; a step breaks when it misses the objective or when
 * pushbench itself was saturated (on one machine, a saturated generator is the limit found, not
 * the transport's); the staircase of a transport stops at its first broken step.
 *
 * <p>Results: each transport's {@link CapacityResult} in its own directory,
 * {@link ResultFiles#transportDirName}, rewritten after every step (so an interrupted run keeps
 * the steps it finished), with one histogram log per step.
 *
 * <p>Broadcasts are published in-process into the server's hub, as {@link EmbeddedRunner} does, so
 * that the publish path costs no CPU of the two processes' shared machine; the result names the
 * server's {@code /publish} endpoint as the send URL, which does the same with a POSTed body.
 */
final class EmbeddedStaircase {

    private final RunSpec spec;
    private final Ramp rate;
    private final Slo slo;
    private final int port;
    private final Duration delay;
    private final int ioThreads;
    private final PrintWriter progress;
    private volatile boolean interrupted;
    private volatile CapacityRun current;

    /**
     * @param spec      transports, client stacks, workload, message size, subscribers and the phases of each step
     *                  (its load model is ignored: {@code rate} replaces it)
     * @param rate      the staircase of messages per second: published (broadcast) or sent by all clients (echo)
     * @param slo       what a step must meet to hold
     * @param port      the embedded server's port, 0 for a free one
     * @param delay     delay the server adds to every broadcast (calibration), usually zero
     * @param ioThreads client I/O threads, 0 for the stack's default
     * @param progress  where to print live progress, or null for none
     */
    EmbeddedStaircase(RunSpec spec, Ramp rate, Slo slo, int port, Duration delay, int ioThreads,
                      PrintWriter progress) {
        this.spec = spec;
        this.rate = rate;
        this.slo = slo;
        this.port = port;
        this.delay = delay;
        this.ioThreads = ioThreads;
        this.progress = progress;
    }

    /**
     * The capacity spec of one transport and stack against a server at {@code target}.
     *
     * @throws IllegalArgumentException naming the option (without dashes) that is invalid
     */
    private CapacitySpec capacitySpec(Transport transport, ClientStack client, Target target) {
        boolean echo = spec.workload() == Workload.ECHO;
        URI publish = URI.create("http://" + target.uri().getHost() + ":" + target.port() + Paths.PUBLISH);
        return CapacitySpec.builder()
                .url(target.uri())
                .sendUrl(echo ? target.sendUri() : publish)
                .transport(transport)
                .client(client)
                .mode(echo ? CapacityMode.ECHO : CapacityMode.PUBSUB)
                .connections(Ramp.fixed(spec.subscribers()))
                .rate(rate)
                .slo(slo)
                .messageSize(spec.messageSize())
                .stepWarmup(spec.warmup())
                .stepDuration(spec.duration())
                .drain(spec.drain())
                .saturationBreaks(true)
                .build();
    }

    /**
     * Climbs the staircase through every transport with every client stack, writing results under {@code dir}.
     *
     * @throws UserError when a transport's server could not be reached at all
     */
    List<CapacityResult> runAll(Path dir) throws InterruptedException {
        List<CapacityResult> results = new ArrayList<>();
        for (Transport transport : spec.transports()) {
            for (ClientStack client : spec.clients()) {
                if (interrupted) {
                    return results;
                }
                results.add(runOne(transport, client, dir.resolve(ResultFiles.transportDirName(transport, client))));
            }
        }
        return results;
    }

    /** Ends the run early: the step running now stops unjudged, the rest are skipped. Safe from any thread. */
    void interrupt() {
        interrupted = true;
        CapacityRun run = current;
        if (run != null) {
            run.stop();
        }
    }

    /** Whether {@link #interrupt()} was called. */
    boolean wasInterrupted() {
        return interrupted;
    }

    private CapacityResult runOne(Transport transport, ClientStack client, Path dir) throws InterruptedException {
        ReferenceServer server = EmbeddedRunner.startServer(port, delay, spec.heartbeat(), spec.tls());
        Target target = ReferenceTargets.of(EmbeddedRunner.hostPort(server, spec.tls()), transport, spec.workload(),
                spec.tls());
        CapacitySpec capacity;
        try {
            capacity = capacitySpec(transport, client, target);
        } catch (IllegalArgumentException e) {
            server.close();
            throw UserError.usage("--" + e.getMessage());
        }
        if (progress != null) {
            progress.println(CapacityProgress.header(capacity));
        }
        try (server; TransportDriver driver = Drivers.create(transport, client, EmbeddedRunner.trusting(
                new DriverOptions(EmbeddedRunner.clientThreads(ioThreads, true), spec.streamsPerConnection(),
                        spec.heartbeat()), server))) {
            CapacityRun run = CapacityRun.builder()
                    .spec(capacity)
                    .driver(driver)
                    .target(target)
                    .upstream(text -> {
                        server.hub().publish(text);
                        return CompletableFuture.completedFuture(null);
                    })
                    .resultDir(ResultDirectory.prepare(dir))
                    .listener(new CapacityListener(dir, progress == null ? null : new CapacityProgress(progress)))
                    .build();
            current = run;
            if (interrupted) {
                run.stop();
            }
            CapacityResult result = run.run();
            CapacityListener.write(dir, result);
            return result;
        } catch (CapacityRun.UnreachableTargetException e) {
            throw UserError.failure(transport.id() + ": the embedded server could not be reached: " + e.getMessage());
        } finally {
            current = null;
        }
    }
}
