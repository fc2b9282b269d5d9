package io.pushbench.server;

import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.Drivers;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.engine.TransportRun;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.spec.Workload;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static io.pushbench.core.testing.Await.awaitTrue;

/**
 * Runs one transport through the engine against a reference server over loopback, with a driver of
 * a given client stack (the Netty one unless said otherwise), and says where each transport's
 * endpoints are on that server.
 */
final class EngineFixture {

    /**
     * The drain for runs whose every message is expected: the engine stops draining as soon as every
     * expected delivery arrived, so this is a bound for a loaded machine, where a client can be seconds
     * behind, not a wait. (The default 2 s made a late delivery count as lost.)
     */
    static final Duration DRAIN_UNTIL_DELIVERED = Duration.ofSeconds(30);

    private EngineFixture() {
    }

    /** The broadcast endpoint of {@code transport} on {@code server}. */
    static Target broadcastTarget(ReferenceServer server, Transport transport) {
        return target(server, transport, Workload.BROADCAST);
    }

    /** The echo endpoint of {@code transport} on {@code server}: where replies come down, and where requests go up. */
    static Target echoTarget(ReferenceServer server, Transport transport) {
        return target(server, transport, Workload.ECHO);
    }

    private static Target target(ReferenceServer server, Transport transport, Workload workload) {
        ReferenceUrls.Endpoint endpoint = ReferenceUrls.of("127.0.0.1:" + server.port(), transport, workload);
        return Target.of(endpoint.connect(), endpoint.send());
    }

    /** Runs {@code spec}'s first transport as a broadcast from {@code server}'s hub, with the Netty driver. */
    static TransportResult broadcast(ReferenceServer server, RunSpec spec, Path dir) throws InterruptedException {
        return broadcast(server, spec, ClientStack.NETTY, dir);
    }

    /** Runs {@code spec}'s first transport as a broadcast from {@code server}'s hub, with {@code stack}'s driver. */
    static TransportResult broadcast(ReferenceServer server, RunSpec spec, ClientStack stack, Path dir)
            throws InterruptedException {
        Transport transport = spec.transports().get(0);
        try (TransportDriver driver = Drivers.create(transport, stack, new DriverOptions(1, 0))) {
            return TransportRun.builder().spec(spec).driver(driver)
                    .target(broadcastTarget(server, transport))
                    .publisher((seq, intended) -> server.hub().publishEnvelope(seq, intended, spec.messageSize()))
                    .resultDir(dir).build().run();
        }
    }

    /** Runs {@code spec}'s first transport as an echo against {@code server}, with {@code stack}'s driver. */
    static TransportResult echo(ReferenceServer server, RunSpec spec, ClientStack stack, Path dir)
            throws InterruptedException {
        Transport transport = spec.transports().get(0);
        try (TransportDriver driver = Drivers.create(transport, stack, new DriverOptions(1, 0))) {
            return TransportRun.builder().spec(spec).driver(driver).target(echoTarget(server, transport))
                    .resultDir(dir).build().run();
        }
    }

    /**
     * A broadcast run across a server restart, with what the publisher did in each phase.
     *
     * @param result      the run's result
     * @param toNobody    messages due while no server ran: published to nobody, so lost by every subscriber
     * @param toNewServer messages published to the restarted server
     * @param afterRejoin of those, the ones published after every subscriber was back on it
     * @param everyoneBack whether every subscriber was back on the restarted server before the run ended
     */
    record RestartRun(TransportResult result, long toNobody, long toNewServer, long afterRejoin,
                      boolean everyoneBack) {

        /** The publisher's counts, for a failure message. */
        String counts() {
            return "published to nobody " + toNobody + ", to the new server " + toNewServer + ", after every "
                    + "subscriber was back " + afterRejoin + (everyoneBack ? "" : " (not all came back before the end)");
        }
    }

    /**
     * Runs {@code spec}'s first transport as a broadcast while the server is stopped once it has
     * published {@code upFor} messages (so the run is connected and measuring, however long a loaded
     * machine took to get there) and started again on the same port {@code downFor} later.
     */
    static RestartRun broadcastAcrossRestart(RunSpec spec, Path dir, long upFor, Duration downFor)
            throws Exception {
        Transport transport = spec.transports().get(0);
        ReferenceServer first = ReferenceServer.builder().start();
        AtomicReference<ReferenceServer> current = new AtomicReference<>(first);
        AtomicLong toNobody = new AtomicLong();
        AtomicLong toNewServer = new AtomicLong();
        AtomicLong afterRejoin = new AtomicLong();
        AtomicBoolean rejoined = new AtomicBoolean();
        try (TransportDriver driver = Drivers.create(transport, ClientStack.NETTY, new DriverOptions(1, 0))) {
            TransportRun run = TransportRun.builder().spec(spec).driver(driver)
                    .target(broadcastTarget(first, transport))
                    .publisher((seq, intended) -> {
                        // Read the phase before publishing: a message counted as "after rejoin" went out after it.
                        boolean back = rejoined.get();
                        ReferenceServer live = current.get();
                        if (live == null) {
                            toNobody.incrementAndGet();
                            return;
                        }
                        live.hub().publishEnvelope(seq, intended, spec.messageSize());
                        if (live != first) {
                            toNewServer.incrementAndGet();
                            if (back) {
                                afterRejoin.incrementAndGet();
                            }
                        }
                    })
                    .resultDir(dir).build();
            CompletableFuture<TransportResult> result = CompletableFuture.supplyAsync(() -> {
                try {
                    return run.run();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitTrue(Duration.ofSeconds(30), () -> first.hub().published() >= upFor || result.isDone(),
                    upFor + " messages published before the outage");
            current.getAndSet(null).close();
            // The scripted outage itself, not a wait for something.
            Thread.sleep(downFor.toMillis());
            ReferenceServer restarted = ReferenceServer.builder().port(first.port()).start();
            current.set(restarted);
            awaitTrue(Duration.ofSeconds(30), () -> restarted.stats().subscribers() == spec.subscribers()
                    || result.isDone(), "every subscriber back on the restarted server, or the run over");
            boolean everyoneBack = restarted.stats().subscribers() == spec.subscribers();
            rejoined.set(true);
            return new RestartRun(result.get(60, TimeUnit.SECONDS), toNobody.get(), toNewServer.get(),
                    afterRejoin.get(), everyoneBack);
        } finally {
            ReferenceServer last = current.get();
            if (last != null) {
                last.close();
            }
        }
    }
}
