package io.pushbench.server;

import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.Drivers;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Jetty and OkHttp WebSocket drivers against the reference server, through the engine, over loopback. */
class LibraryWebSocketDriversTest {

    @TempDir
    Path dir;

    private ReferenceServer server;

    @BeforeEach
    void start() throws Exception {
        server = ReferenceServer.builder().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(value = ClientStack.class, names = {"JETTY", "OKHTTP"})
    void everyBroadcastMessageReachesEverySubscriberOnceInOrder(ClientStack stack) throws Exception {
        LibraryDriverRuns.assertEveryBroadcastOnceInOrder(
                LibraryDriverRuns.broadcast(server, Transport.WEBSOCKET, stack, dir));
    }

    @ParameterizedTest
    @EnumSource(value = ClientStack.class, names = {"JETTY", "OKHTTP"})
    void everyEchoRequestIsAnsweredOnce(ClientStack stack) throws Exception {
        LibraryDriverRuns.assertEveryEchoAnsweredOnce(LibraryDriverRuns.echo(server, Transport.WEBSOCKET, stack, dir));
    }

    @ParameterizedTest
    @EnumSource(value = ClientStack.class, names = {"JETTY", "OKHTTP"})
    void wireBytesAreCountedAtTheSocket(ClientStack stack) throws Exception {
        try (TransportDriver driver = Drivers.create(Transport.WEBSOCKET, stack, DriverOptions.defaults())) {
            CountDownLatch received = new CountDownLatch(1);
            ConnectionListener listener = (PushConnection c, CharSequence payload, long receivedNanos) -> received.countDown();
            driver.connect(Target.of(URI.create("ws://127.0.0.1:" + server.port() + Paths.WS_BROADCAST)), listener)
                    .get(5, TimeUnit.SECONDS);
            awaitSubscribed();
            long before = driver.wire().bytesRead();
            server.hub().publish("x".repeat(100));
            assertThat(received.await(5, TimeUnit.SECONDS)).isTrue();
            // RFC 6455: a 2-byte header (FIN+opcode, unmasked 7-bit length) for payloads up to 125 bytes.
            assertThat(driver.wire().bytesRead() - before).isEqualTo(102);
            assertThat(driver.tcpConnectionsOpened()).isEqualTo(1);
        }
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
