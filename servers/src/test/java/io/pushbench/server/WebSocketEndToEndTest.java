package io.pushbench.server;

import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.websocket.NettyWebSocketDriver;
import io.pushbench.core.engine.RunSpec;
import io.pushbench.core.engine.TransportRun;
import io.pushbench.core.engine.Workload;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.transport.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The reference server and the Netty WebSocket driver, through the engine, over loopback. */
class WebSocketEndToEndTest {

    @TempDir
    Path dir;

    private ReferenceServer server;
    private NettyWebSocketDriver driver;

    @BeforeEach
    void start() throws Exception {
        server = ReferenceServer.builder().start();
        driver = new NettyWebSocketDriver(1);
    }

    @AfterEach
    void stop() {
        driver.close();
        server.close();
    }

    private URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + server.port() + path);
    }

    @Test
    void everyBroadcastMessageIsReceivedOnceInOrderBySubscriber() throws Exception {
        RunSpec spec = RunSpec.builder().transports(List.of(Transport.WEBSOCKET)).rate(1000).subscribers(10)
                .warmup(Duration.ofMillis(200)).duration(Duration.ofSeconds(2)).build();
        TransportResult result = TransportRun.builder().spec(spec).driver(driver)
                .target(Target.of(uri(Paths.WS_BROADCAST)))
                .publisher((seq, intended) -> server.hub().publishEnvelope(seq, intended, spec.messageSize()))
                .resultDir(dir).build().run();

        TransportResult.Delivery d = result.delivery();
        assertThat(d.sent()).isEqualTo(2000);
        assertThat(d.expected()).isEqualTo(20_000);
        assertThat(d.received()).isEqualTo(d.expected());
        assertThat(d.lost()).isZero();
        assertThat(d.duplicated()).isZero();
        assertThat(d.outOfOrder()).isZero();
        assertThat(d.negativeLatencies()).isZero();
        assertThat(result.connections().opened()).isEqualTo(10);
        assertThat(result.errors()).isEmpty();
        assertThat(result.latency().get(Metrics.PUSH_CORRECTED).count()).isEqualTo(20_000);
        assertThat(result.latency().get(Metrics.CONNECT).count()).isEqualTo(10);
        assertThat(dir.resolve(result.histogramLog())).isNotEmptyFile();
    }

    @Test
    void everyEchoRequestIsAnsweredOnce() throws Exception {
        RunSpec spec = RunSpec.builder().transports(List.of(Transport.WEBSOCKET)).workload(Workload.ECHO)
                .rate(500).subscribers(5).warmup(Duration.ofMillis(200)).duration(Duration.ofSeconds(2)).build();
        TransportResult result = TransportRun.builder().spec(spec).driver(driver)
                .target(Target.of(uri(Paths.WS_ECHO))).resultDir(dir).build().run();

        assertThat(result.delivery().sent()).isEqualTo(1000);
        assertThat(result.delivery().received()).isEqualTo(1000);
        assertThat(result.delivery().lost()).isZero();
        assertThat(result.delivery().duplicated()).isZero();
        assertThat(result.latency().get(Metrics.RTT_CORRECTED).count()).isEqualTo(1000);
    }

    @Test
    void aClosedLoopEchoSendsOnlyAfterEachReply() throws Exception {
        RunSpec spec = RunSpec.builder().transports(List.of(Transport.WEBSOCKET)).workload(Workload.ECHO)
                .load(new io.pushbench.core.engine.LoadModel.Closed(Duration.ofMillis(10))).subscribers(3)
                .warmup(Duration.ZERO).duration(Duration.ofSeconds(1)).build();
        TransportResult result = TransportRun.builder().spec(spec).driver(driver)
                .target(Target.of(uri(Paths.WS_ECHO))).resultDir(dir).build().run();

        // Each of 3 clients waits ~10 ms between replies: at most ~100 round trips each in 1 s.
        assertThat(result.delivery().received()).isBetween(30L, 300L);
        assertThat(result.delivery().lost()).isZero();
    }

    @Test
    void aTextFrameOf100BytesCosts102BytesOnTheWire() throws Exception {
        CountDownLatch received = new CountDownLatch(1);
        PushConnection connection = driver.connect(Target.of(uri(Paths.WS_BROADCAST)), new ConnectionListener() {
            @Override
            public void onMessage(PushConnection c, CharSequence payload, long receivedNanos) {
                received.countDown();
            }
        }).get(5, TimeUnit.SECONDS);
        awaitSubscribed();
        long before = driver.wire().bytesRead();
        server.hub().publish("x".repeat(100));
        assertThat(received.await(5, TimeUnit.SECONDS)).isTrue();
        // RFC 6455: 2-byte header (FIN+opcode, unmasked 7-bit length) for payloads up to 125 bytes.
        assertThat(driver.wire().bytesRead() - before).isEqualTo(102);
        connection.close();
    }

    @Test
    void framesOf126AndMoreBytesCarryAnExtendedLength() throws Exception {
        CountDownLatch received = new CountDownLatch(2);
        driver.connect(Target.of(uri(Paths.WS_BROADCAST)), (c, payload, t) -> received.countDown())
                .get(5, TimeUnit.SECONDS);
        awaitSubscribed();
        long before = driver.wire().bytesRead();
        server.hub().publish("x".repeat(126));
        server.hub().publish("x".repeat(65_536));
        assertThat(received.await(5, TimeUnit.SECONDS)).isTrue();
        // 126..65535: 2 + 2-byte length; 65536 and more: 2 + 8-byte length.
        assertThat(driver.wire().bytesRead() - before).isEqualTo((126 + 4) + (65_536 + 10));
    }

    /** The subscriber joins the broadcast once the server's side of the handshake completed. */
    private void awaitSubscribed() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.stats().subscribers() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(server.stats().subscribers()).isEqualTo(1);
    }
}
