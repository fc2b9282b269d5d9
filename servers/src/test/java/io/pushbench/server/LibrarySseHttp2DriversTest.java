package io.pushbench.server;

import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TlsTrust;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.driver.sse.JettySseDriver;
import io.pushbench.core.driver.sse.OkHttpSseDriver;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Jetty and OkHttp SSE drivers over HTTP/2 against the reference server: h2c with prior knowledge
 * through the engine, and TLS with ALPN on the server's TLS port, over loopback.
 */
class LibrarySseHttp2DriversTest {

    @TempDir
    Path dir;

    private ReferenceServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(value = ClientStack.class, names = {"JETTY", "OKHTTP"})
    void everyBroadcastMessageReachesEveryStreamOnceInOrderOnOneConnection(ClientStack stack) throws Exception {
        server = ReferenceServer.builder().start();
        TransportResult result = LibraryDriverRuns.broadcast(server, Transport.SSE_HTTP2, stack, dir);
        LibraryDriverRuns.assertEveryBroadcastOnceInOrder(result);
        assertThat(result.connections().tcpConnections()).as("10 streams, one TCP connection").isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = ClientStack.class, names = {"JETTY", "OKHTTP"})
    void everyEchoRequestIsAnsweredOnce(ClientStack stack) throws Exception {
        server = ReferenceServer.builder().start();
        LibraryDriverRuns.assertEveryEchoAnsweredOnce(LibraryDriverRuns.echo(server, Transport.SSE_HTTP2, stack, dir));
    }

    @ParameterizedTest
    @EnumSource(value = ClientStack.class, names = {"JETTY", "OKHTTP"})
    void tlsWithAlpnNegotiatesHttp2AndCountsTheRecords(ClientStack stack) throws Exception {
        server = ReferenceServer.builder().tlsPort(0).start();
        TlsTrust trust = TlsTrust.certificates(server.tlsCertificate());
        DriverOptions options = new DriverOptions(1, 0);
        try (TransportDriver driver = stack == ClientStack.JETTY
                ? new JettySseDriver(Transport.SSE_HTTP2, options, trust)
                : new OkHttpSseDriver(Transport.SSE_HTTP2, options, trust)) {
            CountDownLatch received = new CountDownLatch(1);
            ConnectionListener listener = (PushConnection c, CharSequence payload, long receivedNanos) -> {
                if (payload.toString().equals("over tls")) {
                    received.countDown();
                }
            };
            driver.connect(Target.of(URI.create("https://127.0.0.1:" + server.tlsPort() + Paths.SSE + "?client=tls")),
                    listener).get(10, TimeUnit.SECONDS);
            awaitSubscribed();
            long before = driver.wire().bytesRead();
            server.hub().publish("over tls");
            assertThat(received.await(5, TimeUnit.SECONDS)).isTrue();
            // The event's bytes plus HTTP/2 DATA framing and a TLS record's header and tag: more than the text.
            assertThat(driver.wire().bytesRead() - before).isGreaterThan("data: over tls\n\n".length() + 9 + 5);
            assertThat(driver.tcpConnectionsOpened()).isEqualTo(1);
        }
    }

    private void awaitSubscribed() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.stats().subscribers() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(server.stats().subscribers()).isEqualTo(1);
    }
}
