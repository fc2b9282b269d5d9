package io.pushbench.core.driver.lifecycle;

import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.Drivers;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.driver.lifecycle.ListenerLog.Event;
import io.pushbench.core.driver.lifecycle.ListenerLog.Kind;
import io.pushbench.core.driver.lifecycle.ScriptedServer.Drop;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The connection lifecycle through the real drivers, every HTTP/1.1 transport on every stack,
 * against a {@link ScriptedServer} that plays each transport's server ({@link ScriptedPeer}) and
 * misbehaves on cue. Every test waits on events, never for a fixed time.
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

    /** A transport on a stack, as the tests name it. */
    record Client(Transport transport, ClientStack stack) {

        /** Whether it reopens a lost connection: Netty's drivers do, and long polling does on every stack. */
        boolean reconnects() {
            return stack == ClientStack.NETTY || transport == Transport.LONG_POLLING;
        }

        /** Whether opening takes an answer from the server (a handshake, response headers), not only a written request. */
        boolean handshakes() {
            return transport != Transport.LONG_POLLING;
        }

        ScriptedPeer peer() {
            return ScriptedPeer.of(transport);
        }

        @Override
        public String toString() {
            return transport.id() + " on " + stack.id();
        }
    }

    static Stream<Client> all() {
        return Stream.of(Transport.WEBSOCKET, Transport.SSE_HTTP1, Transport.LONG_POLLING)
                // The browser stack is tested against the reference server with the real Chromium (BrowserStackTest):
                // its reconnects are the browser's own, which a scripted peer cannot steer.
                .flatMap(t -> Stream.of(ClientStack.values()).filter(s -> s != ClientStack.BROWSER)
                        .map(s -> new Client(t, s)));
    }

    static Stream<Client> reconnecting() {
        return all().filter(Client::reconnects);
    }

    static Stream<Client> handshaking() {
        return all().filter(Client::handshakes);
    }

    static Stream<Client> reconnectingAfterAHandshake() {
        return all().filter(c -> c.reconnects() && c.handshakes());
    }

    private void start(Client client) {
        driver = Drivers.create(client.transport(), client.stack(), new DriverOptions(1, 0));
    }

    private PushConnection connect(Client client, String path) throws Exception {
        return driver.connect(client.peer().target(server, path), log).get(ListenerLog.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Connection a is dropped by the server and closed by the client while it waits to reconnect. To
     * know when a reconnect of a would have come, connection b is dropped after a was closed: b's
     * reconnect is due after a's, so once b is back any reconnect of a has reached the server, and
     * the server answers it, so that a reconnect reported after the close would be seen.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("reconnecting")
    void aConnectionClosedWhileWaitingToReconnectNeverReconnects(Client client) throws Exception {
        ScriptedPeer peer = client.peer();
        CountDownLatch dropA = new CountDownLatch(1);
        CountDownLatch dropB = new CountDownLatch(1);
        server = new ScriptedServer(exchange -> {
            String name = exchange.path().substring(0, 2);
            boolean first = server.exchangesTo(name).get(0) == exchange;
            peer.open(exchange);
            if (first) {
                (name.equals("/a") ? dropA : dropB).await();
                peer.awaitClientWaiting(exchange);
                exchange.close();
                return;
            }
            peer.message(exchange, name.equals("/a") ? "a-after-close" : "b-back");
            exchange.awaitEnd();
            log.server("the client ended " + name + " #" + exchange.index());
        });
        start(client);

        PushConnection a = connect(client, "/a");
        dropA.countDown();
        log.await(Kind.ERROR, a.id(), 1);
        a.close();
        log.await(Kind.CLOSE, a.id(), 1);

        PushConnection b = connect(client, "/b");
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

    /** The connection cannot be closed before it opened (the SPI hands it over then), but its driver can. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("handshaking")
    void aDriverClosedWhileAConnectionOpensFailsTheConnectAndReportsOneClose(Client client) throws Exception {
        server = new ScriptedServer(exchange -> {
            log.server("request read");
            exchange.awaitEnd();
            log.server("the client ended it");
        });
        start(client);
        CompletableFuture<PushConnection> opening = driver.connect(client.peer().target(server, "/a"), log);
        log.await(events -> events.contains(new Event(Kind.SERVER, -1, "request read")), "the request");

        driver.close();
        assertThatThrownBy(() -> opening.get(ListenerLog.TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class);
        log.await(Kind.CLOSE, 0, 1);
        log.await(events -> events.contains(new Event(Kind.SERVER, -1, "the client ended it")), "the connection's end");
        assertThat(kinds(0)).doesNotContain(Kind.OPEN, Kind.RECONNECT).endsWith(Kind.CLOSE)
                .filteredOn(k -> k == Kind.CLOSE).hasSize(1);
    }

    static Stream<Arguments> handshakingTimesDrops() {
        return handshaking().flatMap(c -> Stream.of(Drop.values()).map(d -> Arguments.of(c, d)));
    }

    /** A server that accepts the connection, reads the request and drops the connection, closed or reset. */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("handshakingTimesDrops")
    void aDropDuringTheFirstHandshakeFailsTheConnectOnce(Client client, Drop drop) throws Exception {
        server = new ScriptedServer(drop::apply);
        start(client);
        CompletableFuture<PushConnection> opening = driver.connect(client.peer().target(server, "/a"), log);

        assertThatThrownBy(() -> opening.get(ListenerLog.TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class);
        log.await(Kind.CLOSE, 0, 1);
        assertThat(kinds(0)).containsExactly(Kind.ERROR, Kind.CLOSE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reconnectingAfterAHandshake")
    void aLossDuringAReconnectHandshakeIsReportedAndRetried(Client client) throws Exception {
        ScriptedPeer peer = client.peer();
        CountDownLatch drop = new CountDownLatch(1);
        server = new ScriptedServer(exchange -> {
            switch (exchange.index()) {
                case 0 -> {
                    peer.open(exchange);
                    drop.await();
                    exchange.close();
                }
                case 1 -> exchange.close();
                default -> {
                    peer.open(exchange);
                    peer.message(exchange, "back");
                    exchange.awaitEnd();
                }
            }
        });
        start(client);
        PushConnection connection = connect(client, "/a");
        drop.countDown();
        log.await(Kind.MESSAGE, connection.id(), 1);

        assertThat(kinds(connection.id())).containsExactly(Kind.OPEN, Kind.ERROR, Kind.ERROR, Kind.RECONNECT, Kind.MESSAGE);
        assertThat(server.exchanges()).hasSize(3);
    }

    /** A reset of an open connection is one loss: reopened once by the drivers that reconnect, else closed once. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void aResetOfAnOpenConnectionIsOneLoss(Client client) throws Exception {
        ScriptedPeer peer = client.peer();
        CountDownLatch reset = new CountDownLatch(1);
        server = new ScriptedServer(exchange -> {
            peer.open(exchange);
            if (exchange.index() == 0) {
                reset.await();
                peer.awaitClientWaiting(exchange);
                exchange.reset();
            } else {
                peer.message(exchange, "back");
                exchange.awaitEnd();
            }
        });
        start(client);
        PushConnection connection = connect(client, "/a");
        reset.countDown();

        if (client.reconnects()) {
            log.await(Kind.MESSAGE, connection.id(), 1);
            assertThat(kinds(connection.id())).containsExactly(Kind.OPEN, Kind.ERROR, Kind.RECONNECT, Kind.MESSAGE);
        } else {
            log.await(Kind.CLOSE, connection.id(), 1);
            assertThat(kinds(connection.id())).containsExactly(Kind.OPEN, Kind.ERROR, Kind.CLOSE);
        }
    }

    /** Closes from several threads at once, racing the server dropping the connections: each reports one close. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void aCloseIsReportedExactlyOnceWhateverItRaces(Client client) throws Exception {
        ScriptedPeer peer = client.peer();
        CountDownLatch go = new CountDownLatch(1);
        server = new ScriptedServer(exchange -> {
            peer.open(exchange);
            go.await();
            exchange.close();
        });
        start(client);
        List<PushConnection> connections = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            connections.add(connect(client, "/c" + i));
        }
        RacingCloses.closeAtOnce(connections, 3, go);
        for (PushConnection connection : connections) {
            log.await(Kind.CLOSE, connection.id(), 1);
        }
        for (PushConnection connection : connections) {
            // A close that comes after the drop was noticed may even follow a reconnect: nothing follows the close.
            assertThat(kinds(connection.id())).as("#" + connection.id()).endsWith(Kind.CLOSE)
                    .filteredOn(k -> k == Kind.CLOSE).hasSize(1);
            assertThat(connection.isOpen()).isFalse();
        }
    }

    private List<Kind> kinds(int connection) {
        return log.of(connection).stream().map(Event::kind).toList();
    }

    /** The events of {@code connection} after its first close. */
    private List<Event> afterClose(int connection) {
        List<Event> events = log.of(connection);
        int close = events.indexOf(new Event(Kind.CLOSE, connection, ""));
        return close < 0 ? events : events.subList(close + 1, events.size());
    }
}
