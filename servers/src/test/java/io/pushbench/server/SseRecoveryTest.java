package io.pushbench.server;

import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.sse.NettySseHttp1Driver;
import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.engine.TransportRun;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.transport.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.pushbench.core.testing.Await.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Event streams that go away: dropped by the server (resumed with {@code Last-Event-ID}, nothing
 * lost) and closed by the client (no reconnect). A restarted server: {@link ServerRestartTest}.
 */
class SseRecoveryTest {

    @TempDir
    Path dir;

    private ReferenceServer server;
    private final NettySseHttp1Driver driver = new NettySseHttp1Driver(1);

    @AfterEach
    void stop() {
        driver.close();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void streamsDroppedByTheServerResumeWithLastEventIdAndLoseNothing() throws Exception {
        server = ReferenceServer.builder().start();
        RunSpec spec = RunSpec.builder().transports(List.of(Transport.SSE_HTTP1)).rate(500).subscribers(3)
                .warmup(Duration.ZERO).duration(Duration.ofSeconds(3)).drain(EngineFixture.DRAIN_UNTIL_DELIVERED)
                .build();
        TransportRun run = TransportRun.builder().spec(spec).driver(driver)
                .target(EngineFixture.broadcastTarget(server, Transport.SSE_HTTP1))
                .publisher((seq, intended) -> server.hub().publishEnvelope(seq, intended, spec.messageSize()))
                .resultDir(dir).build();
        CompletableFuture<TransportResult> result = CompletableFuture.supplyAsync(() -> {
            try {
                return run.run();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        awaitTrue(() -> server.hub().published() > 300, "the run is publishing");
        server.closeEventStreams();

        TransportResult r = result.get(20, TimeUnit.SECONDS);
        // The default retry (1 s) keeps the streams down while about 500 messages are published.
        assertThat(r.connections().reconnects()).isEqualTo(3);
        assertThat(r.latency().get(Metrics.RECONNECT_DOWNTIME).count()).isEqualTo(3);
        assertThat(r.connections().tcpConnections()).isEqualTo(6);
        assertThat(r.errors()).containsOnlyKeys(ErrorKind.CLOSED_BY_SERVER.id());
        assertThat(r.errors().get(ErrorKind.CLOSED_BY_SERVER.id())).isEqualTo(3);
        TransportResult.Delivery d = r.delivery();
        assertThat(d.received()).isEqualTo(d.expected());
        assertThat(d.lost()).isZero();
        assertThat(d.duplicated()).isZero();
        assertThat(d.outOfOrder()).isZero();
        assertThat(server.stats().dropped()).isZero();
    }

    @Test
    void closingAConnectionDoesNotReconnect() throws Exception {
        server = ReferenceServer.builder().start();
        AtomicInteger closes = new AtomicInteger();
        List<DriverException> errors = new CopyOnWriteArrayList<>();
        Target target = Target.of(URI.create("http://127.0.0.1:" + server.port() + Paths.SSE));
        PushConnection connection = driver.connect(target, new ConnectionListener() {
            @Override
            public void onMessage(PushConnection c, CharSequence payload, long receivedNanos) {
            }

            @Override
            public void onError(PushConnection c, DriverException error) {
                errors.add(error);
            }

            @Override
            public void onClose(PushConnection c) {
                closes.incrementAndGet();
            }
        }).get(5, TimeUnit.SECONDS);
        awaitTrue(() -> server.stats().subscribers() == 1, "the stream reached the server");
        connection.close();
        awaitTrue(() -> closes.get() == 1, "closed");
        awaitTrue(() -> server.stats().subscribers() == 0, "the server saw the close");
        // Past the retry delay a reconnect would have come. Proving an absence takes a wait: a loaded
        // machine can only make it miss a late reconnect, never fail a driver that does not reconnect.
        Thread.sleep(NettySseHttp1Driver.DEFAULT_RETRY_MILLIS + 200);

        assertThat(driver.tcpConnectionsOpened()).isEqualTo(1);
        assertThat(server.stats().acceptedConnections()).isEqualTo(1);
        assertThat(connection.isOpen()).isFalse();
        assertThat(errors).isEmpty();
        assertThat(closes).hasValue(1);
    }
}
