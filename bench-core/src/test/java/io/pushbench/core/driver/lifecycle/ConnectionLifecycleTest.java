package io.pushbench.core.driver.lifecycle;

import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.Drivers;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.driver.lifecycle.ListenerLog.Event;
import io.pushbench.core.driver.lifecycle.ListenerLog.Kind;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection lifecycle through the real drivers, against a {@link ScriptedServer} that plays
 * each transport's server ({@link ScriptedPeer}) and misbehaves on cue. Every test waits on
 * events, never for a fixed time.
 */
class ConnectionLifecycleTest {

    private final ListenerLog log = new ListenerLog();
    private ScriptedServer server;
    private TransportDriver driver;

    @AfterEach
    void stop() throws IOException {
        if (driver != null) {
            driver.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** The drivers that reopen a lost connection themselves (the library WebSocket and SSE clients have no reconnect). */
    static Stream<Arguments> reconnecting() {
        return Stream.of(
                Arguments.of(Transport.WEBSOCKET, ClientStack.NETTY),
                Arguments.of(Transport.SSE_HTTP1, ClientStack.NETTY),
                Arguments.of(Transport.LONG_POLLING, ClientStack.NETTY),
                Arguments.of(Transport.LONG_POLLING, ClientStack.JETTY),
                Arguments.of(Transport.LONG_POLLING, ClientStack.OKHTTP));
    }

    private TransportDriver driver(Transport transport, ClientStack stack) {
        driver = Drivers.create(transport, stack, new DriverOptions(1, 0));
        return driver;
    }

    private static PushConnection opened(java.util.concurrent.CompletableFuture<PushConnection> connecting)
            throws Exception {
        return connecting.get(ListenerLog.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Connection a is dropped by the server and closed by the client while it waits to reconnect. To
     * know when a reconnect of a would have come, connection b is dropped after a was closed: b's
     * reconnect is due after a's, so once b is back any reconnect of a has reached the server, and
     * the server answers it, so that a reconnect reported after the close would be seen.
     */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("reconnecting")
    void aConnectionClosedWhileWaitingToReconnectNeverReconnects(Transport transport, ClientStack stack)
            throws Exception {
        ScriptedPeer peer = ScriptedPeer.of(transport);
        CountDownLatch dropA = new CountDownLatch(1);
        CountDownLatch dropB = new CountDownLatch(1);
        server = new ScriptedServer(exchange -> {
            String name = exchange.path().substring(0, 2);
            boolean first = server.exchangesTo(name).get(0) == exchange;
            peer.open(exchange);
            if (first) {
                (name.equals("/a") ? dropA : dropB).await();
                exchange.close();
                return;
            }
            peer.message(exchange, name.equals("/a") ? "a-after-close" : "b-back");
            exchange.awaitEnd();
            log.server("the client ended " + name + " #" + exchange.index());
        });
        driver(transport, stack);

        PushConnection a = opened(driver.connect(peer.target(server, "/a"), log));
        dropA.countDown();
        log.await(Kind.ERROR, a.id(), 1);
        a.close();
        log.await(Kind.CLOSE, a.id(), 1);

        PushConnection b = opened(driver.connect(peer.target(server, "/b"), log));
        dropB.countDown();
        log.await(Kind.MESSAGE, b.id(), 1);
        log.await(events -> server.exchangesTo("/a").stream().skip(1)
                        .allMatch(e -> e.endSeen() || events.stream().anyMatch(
                                ev -> ev.kind() == Kind.MESSAGE && ev.connection() == a.id())),
                "every reconnect of a (after the first connection) closed by the client, or delivering");

        assertThat(afterClose(a.id())).as("events of a after its close").isEmpty();
        assertThat(log.count(Kind.CLOSE, a.id())).as("closes of a").isEqualTo(1);
        assertThat(a.isOpen()).isFalse();
    }

    /** The events of {@code connection} after its first close. */
    private List<Event> afterClose(int connection) {
        List<Event> events = log.of(connection);
        int close = events.indexOf(new Event(Kind.CLOSE, connection, ""));
        return close < 0 ? events : events.subList(close + 1, events.size());
    }
}
