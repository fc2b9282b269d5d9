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

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.pushbench.server.LongPollingEndToEndTest.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Netty SSE-over-HTTP/2 driver against the reference server, one behaviour per test: events
 * split over DATA frames, refused streams, certificate trust, resuming a stream the server ended,
 * closing one stream of a shared connection.
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
}
