package io.pushbench.server;

import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TlsTrust;
import io.pushbench.core.driver.ssehttp2.NettySseHttp2Driver;
import io.pushbench.core.engine.RunSpec;
import io.pushbench.core.engine.TransportRun;
import io.pushbench.core.engine.Workload;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.transport.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.pushbench.server.LongPollingEndToEndTest.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server-Sent Events over HTTP/2: the reference server's {@code /sse} on HTTP/2 streams and the
 * Netty driver, over loopback, with h2c (prior knowledge) and TLS (ALPN). Connection counts come
 * from the server's own accept count, so they show what really crossed the network.
 */
class SseHttp2EndToEndTest {

    @TempDir
    Path dir;

    private ReferenceServer server;
    private NettySseHttp2Driver driver;

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private URI h2c(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    private URI tls(String pathAndQuery) {
        return URI.create("https://127.0.0.1:" + server.tlsPort() + pathAndQuery);
    }

    @Test
    void everyBroadcastIsReceivedOnceInOrderByEverySubscriberOnOneConnection() throws Exception {
        server = ReferenceServer.builder().start();
        driver = new NettySseHttp2Driver(new DriverOptions(1, 0));
        RunSpec spec = RunSpec.builder().transports(List.of(Transport.SSE_HTTP2)).rate(1000).subscribers(10)
                .warmup(Duration.ofMillis(200)).duration(Duration.ofSeconds(2)).build();

        TransportResult result = TransportRun.builder().spec(spec).driver(driver)
                .target(Target.of(h2c(Paths.SSE + "?client=e2e")))
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
        assertThat(result.errors()).isEmpty();
        assertThat(result.latency().get(Metrics.PUSH_CORRECTED).count()).isEqualTo(20_000);
        assertThat(result.connections().opened()).isEqualTo(10);
        assertThat(result.connections().tcpConnections()).isEqualTo(1);
        assertThat(server.stats().acceptedConnections()).isEqualTo(1);
        assertThat(server.stats().dropped()).isZero();
    }

    @Test
    void everyEchoIsAnsweredOnceAndThePostsShareTheStreamsConnection() throws Exception {
        server = ReferenceServer.builder().start();
        driver = new NettySseHttp2Driver(new DriverOptions(1, 0));
        RunSpec spec = RunSpec.builder().transports(List.of(Transport.SSE_HTTP2)).workload(Workload.ECHO)
                .rate(500).subscribers(5).warmup(Duration.ofMillis(200)).duration(Duration.ofSeconds(2)).build();

        TransportResult result = TransportRun.builder().spec(spec).driver(driver)
                .target(Target.of(h2c(Paths.SSE + "?client=echo"), h2c(Paths.ECHO + "?client=echo")))
                .resultDir(dir).build().run();

        TransportResult.Delivery d = result.delivery();
        assertThat(d.sent()).isEqualTo(1000);
        assertThat(d.received()).isEqualTo(1000);
        assertThat(d.lost()).isZero();
        assertThat(d.duplicated()).isZero();
        assertThat(result.errors()).isEmpty();
        assertThat(result.latency().get(Metrics.RTT_CORRECTED).count()).isEqualTo(1000);
        assertThat(server.stats().acceptedConnections()).as("TCP connections for 5 streams and their POSTs")
                .isEqualTo(1);
        assertThat(driver.tcpConnectionsOpened()).isEqualTo(1);
    }

    @Test
    void aHundredStreamsShareOneConnectionOverH2c() throws Exception {
        server = ReferenceServer.builder().start();
        driver = new NettySseHttp2Driver(new DriverOptions(1, 0));

        assertEveryStreamGetsEveryMessage(h2c(Paths.SSE), 100);

        assertThat(server.stats().acceptedConnections()).isEqualTo(1);
        assertThat(driver.tcpConnectionsOpened()).isEqualTo(1);
    }

    @Test
    void aHundredStreamsShareOneConnectionOverTls() throws Exception {
        server = ReferenceServer.builder().tlsPort(0).start();
        driver = new NettySseHttp2Driver(DriverOptions.builder().ioThreads(1)
                .trust(TlsTrust.certificates(server.tlsCertificate())).build());

        assertEveryStreamGetsEveryMessage(tls(Paths.SSE), 100);

        assertThat(server.stats().acceptedConnections()).isEqualTo(1);
        assertThat(driver.tcpConnectionsOpened()).isEqualTo(1);
        assertThat(server.stats().errors()).isZero();
    }

    @Test
    void streamsPerConnectionSpreadsStreamsOverConnections() throws Exception {
        server = ReferenceServer.builder().start();
        driver = new NettySseHttp2Driver(new DriverOptions(1, 5));

        assertEveryStreamGetsEveryMessage(h2c(Paths.SSE), 10);

        assertThat(server.stats().acceptedConnections()).isEqualTo(2);
        assertThat(driver.tcpConnectionsOpened()).isEqualTo(2);
    }

    /** Opens {@code streams} subscriptions, publishes three messages, and checks every stream got all three in order. */
    private void assertEveryStreamGetsEveryMessage(URI uri, int streams) throws Exception {
        List<RecordingListener> recorders = new ArrayList<>();
        List<CompletableFuture<PushConnection>> connects = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            RecordingListener recorder = new RecordingListener();
            recorders.add(recorder);
            connects.add(driver.connect(Target.of(uri), recorder));
        }
        CompletableFuture.allOf(connects.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        awaitTrue(() -> server.stats().subscribers() == streams, streams + " subscribers at the server");

        List<String> published = List.of("one", "two", "three");
        published.forEach(server.hub()::publish);

        awaitTrue(() -> recorders.stream().allMatch(r -> r.messages.size() == published.size()),
                "every stream got every message");
        for (RecordingListener recorder : recorders) {
            assertThat(recorder.messages).containsExactlyElementsOf(published);
            assertThat(recorder.errors).isEmpty();
        }
    }
}
