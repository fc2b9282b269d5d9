package io.pushbench.core.driver.lifecycle;

import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.lifecycle.ListenerLog.Event;
import io.pushbench.core.driver.lifecycle.ListenerLog.Kind;
import io.pushbench.core.driver.lifecycle.ScriptedServer.Drop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The lifecycle base alone, on the smallest transport over it ({@link LineConnection}), against a
 * {@link ScriptedServer}, with a {@link ManualTimer}: the test decides when a reconnect's wait is
 * over, so "during the backoff" is a state the test holds, not a race it hopes to win.
 */
class ReconnectingConnectionTest {

    private final ListenerLog log = new ListenerLog();
    private final ManualTimer timer = new ManualTimer();
    private final ConnectionRegistry registry = new ConnectionRegistry();
    private ScriptedServer server;

    @AfterEach
    void stop() throws IOException {
        registry.closeAll();
        timer.shutdownNow();
        if (server != null) {
            server.close();
        }
    }

    /** The policies that reconnect, each on the manual timer. */
    static Stream<Arguments> reconnecting() {
        return Stream.of(
                Arguments.of("backoff", (Function<ScheduledExecutorService, ReconnectPolicy>) ReconnectPolicy::backoff),
                Arguments.of("sse retry", (Function<ScheduledExecutorService, ReconnectPolicy>) ReconnectPolicy::sseRetry),
                Arguments.of("repoll", (Function<ScheduledExecutorService, ReconnectPolicy>) ReconnectPolicy::repoll));
    }

    private LineConnection connection(String path, ReconnectPolicy policy) {
        return new LineConnection(registry.nextId(),
                Target.of(URI.create("http://127.0.0.1:" + server.port() + path)), log, policy);
    }

    private PushConnection open(LineConnection connection) throws Exception {
        return registry.start(connection).get(ListenerLog.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Waits until the connection's current lifecycle step (reported to the listener under its monitor) is over. */
    private static void settled(PushConnection connection) {
        synchronized (connection) {
            // The monitor guards the lifecycle: holding it, no step is half done.
        }
    }

    /** A server that opens each connection and drops the first on cue. */
    private ScriptedServer openingServer(CountDownLatch dropFirst) throws IOException {
        return new ScriptedServer(exchange -> {
            exchange.write("open\n");
            if (exchange.index() == 0) {
                dropFirst.await();
                exchange.close();
            } else {
                exchange.awaitEnd();
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reconnecting")
    void aCloseWhileWaitingToReconnectCancelsTheReconnect(String name,
                                                           Function<ScheduledExecutorService, ReconnectPolicy> policy)
            throws Exception {
        CountDownLatch drop = new CountDownLatch(1);
        server = openingServer(drop);
        LineConnection connection = connection("/a", policy.apply(timer));
        open(connection);
        drop.countDown();
        log.await(Kind.ERROR, connection.id(), 1);
        settled(connection);
        assertThat(timer.waiting()).as("the reconnect is waiting").isEqualTo(1);

        connection.close();
        log.await(Kind.CLOSE, connection.id(), 1);
        assertThat(timer.waiting()).as("the reconnect was cancelled").isZero();
        timer.fire();

        assertThat(server.exchanges()).as("connections the server saw").hasSize(1);
        assertThat(kinds(connection)).containsExactly(Kind.OPEN, Kind.ERROR, Kind.CLOSE);
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void aCloseWhileOpeningFailsTheConnectAbortsTheAttemptAndReportsOneClose() throws Exception {
        server = new ScriptedServer(exchange -> {
            log.server("request read");
            exchange.awaitEnd();
            log.server("the client ended it");
        });
        LineConnection connection = connection("/a", ReconnectPolicy.backoff(timer));
        CompletableFuture<PushConnection> opening = registry.start(connection);
        log.await(events -> events.contains(new Event(Kind.SERVER, -1, "request read")), "the request");

        connection.close();
        assertThatThrownBy(() -> opening.get(ListenerLog.TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasMessageContaining("closed before it opened");
        log.await(events -> events.contains(new Event(Kind.SERVER, -1, "the client ended it")), "the abort");
        log.await(Kind.CLOSE, connection.id(), 1);
        settled(connection);
        assertThat(kinds(connection)).containsExactly(Kind.CLOSE);
        assertThat(timer.delayed()).as("reconnects scheduled").isZero();
    }

    /** A server that accepts the connection, reads the request and drops the connection, closed or reset. */
    @ParameterizedTest
    @EnumSource(Drop.class)
    void aDropBeforeTheFirstOpenFailsTheConnectOnceAndIsNotRetried(Drop drop) throws Exception {
        server = new ScriptedServer(drop::apply);
        LineConnection connection = connection("/a", ReconnectPolicy.backoff(timer));
        CompletableFuture<PushConnection> opening = registry.start(connection);

        assertThatThrownBy(() -> opening.get(ListenerLog.TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(DriverException.class);
        log.await(Kind.CLOSE, connection.id(), 1);
        settled(connection);
        assertThat(kinds(connection)).containsExactly(Kind.ERROR, Kind.CLOSE);
        assertThat(timer.delayed()).as("reconnects scheduled").isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reconnecting")
    void aLossDuringAReconnectHandshakeIsReportedAndRetried(String name,
                                                            Function<ScheduledExecutorService, ReconnectPolicy> policy)
            throws Exception {
        CountDownLatch drop = new CountDownLatch(1);
        server = new ScriptedServer(exchange -> {
            switch (exchange.index()) {
                case 0 -> {
                    exchange.write("open\n");
                    drop.await();
                    exchange.close();
                }
                case 1 -> exchange.close();
                default -> {
                    exchange.write("open\n");
                    exchange.awaitEnd();
                }
            }
        });
        LineConnection connection = connection("/a", policy.apply(timer));
        open(connection);
        drop.countDown();
        log.await(Kind.ERROR, connection.id(), 1);
        settled(connection);
        timer.fire();
        log.await(Kind.ERROR, connection.id(), 2);
        settled(connection);
        assertThat(timer.waiting()).as("the next attempt is waiting").isEqualTo(1);
        timer.fire();
        log.await(Kind.RECONNECT, connection.id(), 1);

        assertThat(kinds(connection)).containsExactly(Kind.OPEN, Kind.ERROR, Kind.ERROR, Kind.RECONNECT);
        assertThat(log.downtimes()).as("one downtime, from the loss across both waits and the failed attempt")
                .singleElement().satisfies(d -> assertThat(d).isPositive());
        assertThat(connection.isOpen()).isTrue();
        connection.close();
        log.await(Kind.CLOSE, connection.id(), 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reconnecting")
    void aResetOfAnOpenConnectionIsOneLossThenOneReconnect(String name,
                                                          Function<ScheduledExecutorService, ReconnectPolicy> policy)
            throws Exception {
        CountDownLatch reset = new CountDownLatch(1);
        server = new ScriptedServer(exchange -> {
            exchange.write("open\n");
            if (exchange.index() == 0) {
                reset.await();
                exchange.reset();
            } else {
                exchange.awaitEnd();
            }
        });
        LineConnection connection = connection("/a", policy.apply(timer));
        open(connection);
        reset.countDown();
        log.await(Kind.ERROR, connection.id(), 1);
        settled(connection);
        timer.fire();
        log.await(Kind.RECONNECT, connection.id(), 1);

        assertThat(kinds(connection)).containsExactly(Kind.OPEN, Kind.ERROR, Kind.RECONNECT);
        assertThat(log.of(connection.id()).get(1).detail()).startsWith(ErrorKind.IO.id());
    }

    @Test
    void withoutReconnectALossClosesTheConnection() throws Exception {
        CountDownLatch drop = new CountDownLatch(1);
        server = openingServer(drop);
        LineConnection connection = connection("/a", ReconnectPolicy.none());
        open(connection);
        drop.countDown();
        log.await(Kind.CLOSE, connection.id(), 1);
        settled(connection);

        assertThat(kinds(connection)).containsExactly(Kind.OPEN, Kind.ERROR, Kind.CLOSE);
        assertThat(connection.isOpen()).isFalse();
        assertThat(registry.live()).as("the registry forgot it").isZero();
    }

    /** Many closes at once, racing the server dropping the connection: one close is reported, and nothing after it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("reconnecting")
    void aCloseIsReportedExactlyOnceWhateverItRaces(String name,
                                                    Function<ScheduledExecutorService, ReconnectPolicy> policy)
            throws Exception {
        int connections = 10;
        CountDownLatch go = new CountDownLatch(1);
        server = new ScriptedServer(exchange -> {
            exchange.write("open\n");
            go.await();
            exchange.close();
        });
        List<LineConnection> opened = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            LineConnection connection = connection("/c" + i, policy.apply(timer));
            open(connection);
            opened.add(connection);
        }
        RacingCloses.closeAtOnce(opened, 3, go);
        for (LineConnection connection : opened) {
            log.await(Kind.CLOSE, connection.id(), 1);
            settled(connection);
        }
        timer.fire();

        for (LineConnection connection : opened) {
            List<Kind> kinds = kinds(connection);
            assertThat(kinds).as("#" + connection.id()).endsWith(Kind.CLOSE).doesNotContain(Kind.RECONNECT)
                    .filteredOn(k -> k == Kind.CLOSE).hasSize(1);
        }
        assertThat(registry.live()).isZero();
    }

    private List<Kind> kinds(PushConnection connection) {
        return log.of(connection.id()).stream().map(Event::kind).toList();
    }
}
