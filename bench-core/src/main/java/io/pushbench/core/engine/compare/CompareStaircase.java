package io.pushbench.core.engine.compare;

import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.Drivers;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.engine.CapacityRun;
import io.pushbench.core.engine.ClientEventLoops;
import io.pushbench.core.engine.StepResults;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A comparison with a rate staircase: climbs it through each transport and client stack of a
 * {@link RunSpec}, one after the other, each against a fresh server session, with the capacity
 * engine ({@link CapacityRun}). Each step holds the spec's subscribers (or echo clients) for its
 * warm-up, measured phase and drain; a step breaks when it misses the objective or when pushbench
 * itself was saturated (on one machine, a saturated generator is the limit found, not the
 * transport's); the staircase of a transport stops at its first broken step.
 *
 * <p>Results: each transport's {@link CapacityResult} in its own directory,
 * {@link ResultFiles#transportDirName}, rewritten after every step (so an interrupted run keeps
 * the steps it finished), with one histogram log per step.
 *
 * <p>Broadcasts go into an in-process server's hub, as {@link Comparison} does, so that the publish
 * path costs no CPU of the two processes' shared machine; the result names the server's publish
 * endpoint as the send URL, which does the same with a POSTed body. A server elsewhere is published
 * to through that endpoint.
 */
public final class CompareStaircase {

    /** No connection to a transport's server could be opened; the message says why, in one line. */
    public static final class UnreachableServerException extends Exception {
        private final transient Transport transport;

        UnreachableServerException(Transport transport, String why) {
            super(why);
            this.transport = transport;
        }

        /** The transport whose server could not be reached. */
        public Transport transport() {
            return transport;
        }
    }

    private final RunSpec spec;
    private final Ramp rate;
    private final Slo slo;
    private final ReferenceServers servers;
    private final int ioThreads;
    private final ComparisonListener listener;
    private final Stopping stopping = new Stopping();

    /**
     * @param spec      transports, client stacks, workload, message size, subscribers and the phases of each step
     *                  (its load model is ignored: {@code rate} replaces it)
     * @param rate      the staircase of messages per second: published (broadcast) or sent by all clients (echo)
     * @param slo       what a step must meet to hold
     * @param ioThreads client I/O threads, 0 for the default: enough for the ramp's top rate ({@link ClientEventLoops#forPlan})
     * @param listener  who is told of the steps
     */
    public CompareStaircase(RunSpec spec, Ramp rate, Slo slo, ReferenceServers servers, int ioThreads,
                            ComparisonListener listener) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.rate = Objects.requireNonNull(rate, "rate");
        this.slo = Objects.requireNonNull(slo, "slo");
        this.servers = Objects.requireNonNull(servers, "servers");
        this.ioThreads = ioThreads;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Climbs the staircase through every transport with every client stack, writing results under {@code dir}.
     *
     * @throws UnreachableServerException when a transport's server could not be reached at all
     * @throws IllegalArgumentException   naming the option (without dashes) that makes a step's spec invalid
     * @throws UncheckedIOException       when a result cannot be written
     */
    public List<CapacityResult> runAll(Path dir) throws InterruptedException, UnreachableServerException {
        List<CapacityResult> results = new ArrayList<>();
        for (Transport transport : spec.transports()) {
            for (ClientStack client : spec.clients()) {
                if (stopping.requested()) {
                    return results;
                }
                results.add(runOne(transport, client, dir.resolve(ResultFiles.transportDirName(transport, client))));
            }
        }
        return results;
    }

    /** Ends the run early: the step running now stops unjudged, the rest are skipped. Safe from any thread. */
    public void interrupt() {
        stopping.request();
    }

    /** Whether {@link #interrupt()} was called. */
    public boolean wasInterrupted() {
        return stopping.requested();
    }

    /**
     * The capacity spec of one transport and stack against a server at {@code target}.
     *
     * @throws IllegalArgumentException naming the option (without dashes) that is invalid
     */
    private CapacitySpec capacitySpec(Transport transport, ClientStack client, Target target,
                                      ReferenceServers.Session session) {
        boolean echo = spec.workload() == Workload.ECHO;
        return CapacitySpec.builder()
                .url(target.uri())
                .sendUrl(echo ? target.sendUri() : session.publishUrl())
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

    private CapacityResult runOne(Transport transport, ClientStack client, Path dir)
            throws InterruptedException, UnreachableServerException {
        try (ReferenceServers.Session session = servers.open()) {
            Target target = session.target(transport, spec.workload());
            CapacitySpec capacity = capacitySpec(transport, client, target, session);
            listener.staircaseStarting(capacity);
            DriverOptions options = new DriverOptions(ClientEventLoops.forPlan(ioThreads,
                    ClientEventLoops.plannedMessages(capacity), servers.onThisMachine()),
                    spec.streamsPerConnection(), spec.heartbeat());
            ReferenceServers.InProcessHub hub = session.hub();
            if (hub != null) {
                return climb(capacity, session.trusting(options), target, dir, text -> {
                    hub.publish(text);
                    return CompletableFuture.completedFuture(null);
                });
            }
            try (ReferenceServers.Publishing publishing = session.openPublishing(options)) {
                return climb(capacity, session.trusting(options), target, dir, publishing.upstream());
            }
        } catch (CapacityRun.UnreachableTargetException e) {
            throw new UnreachableServerException(transport, e.getMessage());
        }
    }

    private CapacityResult climb(CapacitySpec capacity, DriverOptions options, Target target, Path dir,
                                 CapacityRun.Upstream upstream)
            throws InterruptedException, CapacityRun.UnreachableTargetException {
        try (TransportDriver driver = Drivers.create(capacity.transport(), capacity.client(), options)) {
            CapacityRun run = CapacityRun.builder()
                    .spec(capacity)
                    .driver(driver)
                    .target(target)
                    .upstream(upstream)
                    .resultDir(createDirectories(dir))
                    .listener(new StepResults(dir, listener.steps()))
                    .build();
            CapacityResult result = stopping.whileRunning(run::stop, run::run);
            StepResults.write(dir, result);
            return result;
        }
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }
}
