package io.pushbench.server;

import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TlsTrust;
import io.pushbench.core.driver.ssehttp2.NettySseHttp2Driver;
import io.pushbench.server.tls.SelfSignedCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.pushbench.core.testing.Await.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Netty SSE-over-HTTP/2 driver against the reference server, one behaviour per test: events
 * split over DATA frames, refused streams, certificate trust, resuming a stream the server ended,
 * closing one stream of a shared connection, many streams sharing one connection (h2c and TLS) or
 * spread over several. Connection counts come from the server's own accept count, so they show what
 * really crossed the network. (Broadcast and echo through the engine: {@link EndToEndTest}.)
 */
class SseHttp2DriverTest {

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
    void anEventLargerThanAFrameArrivesWhole() throws Exception {
        server = ReferenceServer.builder().start();
        driver = new NettySseHttp2Driver(new DriverOptions(1, 0));
        RecordingListener recorder = new RecordingListener();
        driver.connect(Target.of(h2c(Paths.SSE)), recorder).get(5, TimeUnit.SECONDS);
        awaitTrue(() -> server.stats().subscribers() == 1, "the stream reached the server");
        String large = "x".repeat(100_000);

        server.hub().publish(large);

        awaitTrue(() -> recorder.messages.size() == 1, "the large event");
        assertThat(recorder.messages.peek()).isEqualTo(large);
        assertThat(driver.wire().bytesRead()).isGreaterThan(100_000);
    }

    @Test
    void anAnswerOtherThan200FailsTheConnectWithAnHttpStatusError() throws Exception {
        server = ReferenceServer.builder().start();
        driver = new NettySseHttp2Driver(new DriverOptions(1, 0));
        RecordingListener recorder = new RecordingListener();

        CompletableFuture<PushConnection> connect = driver.connect(Target.of(h2c("/no-such-endpoint")), recorder);

        assertThatThrownBy(() -> connect.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(DriverException.class).hasMessageContaining("404");
        awaitTrue(() -> recorder.closed.get() == 1, "closed once");
        assertThat(recorder.errors).extracting(DriverException::kind).containsExactly(ErrorKind.HTTP_STATUS);
    }

    @Test
    void anUntrustedCertificateIsATlsError() throws Exception {
        server = ReferenceServer.builder().tlsPort(0).start();
        driver = new NettySseHttp2Driver(DriverOptions.builder().ioThreads(1)
                .trust(TlsTrust.certificates(SelfSignedCertificate.generate(List.of()).certificate())).build());
        RecordingListener recorder = new RecordingListener();

        CompletableFuture<PushConnection> connect = driver.connect(Target.of(tls(Paths.SSE)), recorder);

        assertThatThrownBy(() -> connect.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThat(recorder.errors).extracting(DriverException::kind).containsExactly(ErrorKind.TLS_FAILED);
        assertThat(driver.tcpConnectionsOpened()).isEqualTo(1);
    }

    @Test
    void insecureTrustAcceptsTheSelfSignedServer() throws Exception {
        server = ReferenceServer.builder().tlsPort(0).start();
        driver = new NettySseHttp2Driver(DriverOptions.builder().ioThreads(1).trust(TlsTrust.insecure()).build());
        RecordingListener recorder = new RecordingListener();
        driver.connect(Target.of(tls(Paths.SSE)), recorder).get(5, TimeUnit.SECONDS);
        awaitTrue(() -> server.stats().subscribers() == 1, "the stream reached the server");

        server.hub().publish("over tls");

        awaitTrue(() -> recorder.messages.size() == 1, "the message");
        assertThat(recorder.messages).containsExactly("over tls");
        assertThat(recorder.errors).isEmpty();
    }

    @Test
    void aStreamTheServerEndsIsRequestedAgainWithLastEventIdOnTheSameConnection() throws Exception {
        server = ReferenceServer.builder().start();
        driver = new NettySseHttp2Driver(new DriverOptions(1, 0));
        RecordingListener recorder = new RecordingListener();
        driver.connect(Target.of(h2c(Paths.SSE)), recorder).get(5, TimeUnit.SECONDS);
        awaitTrue(() -> server.stats().subscribers() == 1, "the stream reached the server");
        server.hub().publish("before");
        awaitTrue(() -> recorder.messages.size() == 1, "the first message");

        server.closeEventStreams();
        server.hub().publish("while away 1");
        server.hub().publish("while away 2");

        awaitTrue(() -> recorder.reconnects.get() == 1, "one reconnection");
        awaitTrue(() -> recorder.messages.size() == 3, "the messages published while away");
        assertThat(recorder.messages).containsExactly("before", "while away 1", "while away 2");
        assertThat(recorder.errors).extracting(DriverException::kind).containsExactly(ErrorKind.CLOSED_BY_SERVER);
        assertThat(recorder.errors.get(0).getMessage()).contains("Last-Event-ID 0");
        assertThat(recorder.closed.get()).isZero();
        assertThat(server.stats().acceptedConnections()).as("HTTP/2 keeps the connection; only the stream was reset")
                .isEqualTo(1);
    }

    @Test
    void closingAStreamLeavesTheOthersOnTheConnection() throws Exception {
        server = ReferenceServer.builder().start();
        driver = new NettySseHttp2Driver(new DriverOptions(1, 0));
        RecordingListener first = new RecordingListener();
        RecordingListener second = new RecordingListener();
        PushConnection closing = driver.connect(Target.of(h2c(Paths.SSE)), first).get(5, TimeUnit.SECONDS);
        driver.connect(Target.of(h2c(Paths.SSE)), second).get(5, TimeUnit.SECONDS);

        closing.close();
        awaitTrue(() -> server.stats().subscribers() == 1, "one subscriber left at the server");
        server.hub().publish("still here");

        awaitTrue(() -> second.messages.size() == 1, "the message on the remaining stream");
        assertThat(first.closed.get()).isEqualTo(1);
        assertThat(first.errors).isEmpty();
        assertThat(first.messages).isEmpty();
        assertThat(server.stats().acceptedConnections()).isEqualTo(1);
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"h2c", "tls"})
    void aHundredStreamsShareOneConnection(String over) throws Exception {
        boolean tls = over.equals("tls");
        server = (tls ? ReferenceServer.builder().tlsPort(0) : ReferenceServer.builder()).start();
        driver = new NettySseHttp2Driver(tls
                ? DriverOptions.builder().ioThreads(1).trust(TlsTrust.certificates(server.tlsCertificate())).build()
                : new DriverOptions(1, 0));

        assertEveryStreamGetsEveryMessage(tls ? tls(Paths.SSE) : h2c(Paths.SSE), 100);

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
