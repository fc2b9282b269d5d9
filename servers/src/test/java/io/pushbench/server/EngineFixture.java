package io.pushbench.server;

import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.Drivers;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.engine.TransportRun;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Runs one transport's broadcast through the engine against a given server, with the default Netty driver. */
final class EngineFixture {

    private EngineFixture() {
    }

    /** The broadcast endpoint of {@code transport} on {@code server}. */
    static Target broadcastTarget(ReferenceServer server, Transport transport) {
        String base = "127.0.0.1:" + server.port();
        return switch (transport) {
            case WEBSOCKET -> Target.of(URI.create("ws://" + base + Paths.WS_BROADCAST));
            case LONG_POLLING -> Target.of(URI.create("http://" + base + Paths.POLL + "?client=fixture"));
            case SSE_HTTP1, SSE_HTTP2 -> Target.of(URI.create("http://" + base + Paths.SSE + "?client=fixture"));
        };
    }

    /** Runs {@code spec}'s first transport as a broadcast from {@code server}'s hub. */
    static TransportResult broadcast(ReferenceServer server, RunSpec spec, Path dir) throws InterruptedException {
        Transport transport = spec.transports().get(0);
        try (TransportDriver driver = Drivers.create(transport, ClientStack.NETTY, new DriverOptions(1, 0))) {
            return TransportRun.builder().spec(spec).driver(driver)
                    .target(broadcastTarget(server, transport))
                    .publisher((seq, intended) -> server.hub().publishEnvelope(seq, intended, spec.messageSize()))
                    .resultDir(dir).build().run();
        }
    }

    /**
     * Runs {@code spec}'s first transport as a broadcast while the server is stopped after
     * {@code upFor} and started again on the same port {@code downFor} later; messages due while
     * no server runs are published to nobody.
     */
    static TransportResult broadcastAcrossRestart(RunSpec spec, Path dir, Duration upFor, Duration downFor)
            throws Exception {
        Transport transport = spec.transports().get(0);
        AtomicReference<ReferenceServer> current = new AtomicReference<>(ReferenceServer.builder().start());
        int port = current.get().port();
        try (TransportDriver driver = Drivers.create(transport, ClientStack.NETTY, new DriverOptions(1, 0))) {
            TransportRun run = TransportRun.builder().spec(spec).driver(driver)
                    .target(broadcastTarget(current.get(), transport))
                    .publisher((seq, intended) -> {
                        ReferenceServer live = current.get();
                        if (live != null) {
                            live.hub().publishEnvelope(seq, intended, spec.messageSize());
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
            Thread.sleep(upFor.toMillis());
            current.getAndSet(null).close();
            Thread.sleep(downFor.toMillis());
            current.set(ReferenceServer.builder().port(port).start());
            return result.get(30, TimeUnit.SECONDS);
        } finally {
            ReferenceServer last = current.get();
            if (last != null) {
                last.close();
            }
        }
    }
}
