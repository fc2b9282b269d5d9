package io.pushbench.server;

import io.pushbench.core.driver.netty.NettyWebSocketDriver;
import io.pushbench.core.engine.RunSpec;
import io.pushbench.core.engine.TransportRun;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server goes away mid-run and comes back on the same port: the WebSocket driver reconnects
 * with backoff, the run finishes, and its result shows the reconnects, the downtime and the
 * messages lost while the server was down.
 */
class ServerRestartTest {

    @Test
    void aRestartedServerIsReconnectedToAndTheGapIsCountedAsLost(@TempDir Path dir) throws Exception {
        RunSpec spec = RunSpec.builder().transports(List.of(Transport.WEBSOCKET)).rate(500).subscribers(3)
                .warmup(Duration.ZERO).duration(Duration.ofSeconds(3)).build();
        AtomicReference<ReferenceServer> current = new AtomicReference<>(ReferenceServer.builder().start());
        int port = current.get().port();
        try (NettyWebSocketDriver driver = new NettyWebSocketDriver(1)) {
            TransportRun run = TransportRun.builder().spec(spec).driver(driver)
                    .target(EngineFixture.broadcastTarget(current.get(), Transport.WEBSOCKET))
                    .publisher((seq, intended) -> {
                        ReferenceServer server = current.get();
                        if (server != null) {
                            server.hub().publishEnvelope(seq, intended, spec.messageSize());
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
            Thread.sleep(1000);
            current.getAndSet(null).close();
            Thread.sleep(500);
            current.set(ReferenceServer.builder().port(port).start());

            TransportResult r = result.get(20, TimeUnit.SECONDS);
            assertThat(r.connections().reconnects()).isEqualTo(3);
            assertThat(r.errors()).containsKey("closed-by-server");
            assertThat(r.latency().get(Metrics.RECONNECT_DOWNTIME).count()).isEqualTo(3);
            assertThat(r.latency().get(Metrics.RECONNECT_DOWNTIME).p50()).as("µs").isGreaterThan(400_000);
            // About half a second of 500 msg/s was published to nobody; the rest arrived.
            assertThat(r.delivery().lost()).isBetween(3L * 200, 3L * 600);
            assertThat(r.delivery().received()).isGreaterThan(3L * 800);
        } finally {
            ReferenceServer last = current.get();
            if (last != null) {
                last.close();
            }
        }
    }
}
