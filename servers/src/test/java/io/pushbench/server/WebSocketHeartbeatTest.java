package io.pushbench.server;

import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.websocket.NettyWebSocketDriver;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.pushbench.core.testing.Await.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Heartbeats keep idle WebSocket connections alive both ways, and the client's ping round trip is
 * reported. Each side is checked on its own, with the other side's heartbeat far off, so that what
 * crosses the idle connection is exactly the heartbeat under test and can be counted.
 */
class WebSocketHeartbeatTest {

    private static final Duration SHORT = Duration.ofMillis(100);
    private static final Duration FAR_OFF = Duration.ofMinutes(10);
    /** RFC 6455: an empty ping from the server is a 2-byte header; the client's pong to it, masked, 6. */
    private static final int SERVER_PING_BYTES = 2;
    private static final int CLIENT_PONG_BYTES = 6;

    @Test
    void theClientPingsAnIdleConnectionAndReportsEachRoundTrip() throws Exception {
        List<Long> roundTrips = new CopyOnWriteArrayList<>();
        try (ReferenceServer server = ReferenceServer.builder().heartbeatInterval(FAR_OFF).start();
             NettyWebSocketDriver driver = new NettyWebSocketDriver(new DriverOptions(1, 0, SHORT))) {
            PushConnection connection = connect(server, driver, new ConnectionListener() {
                @Override
                public void onMessage(PushConnection c, CharSequence payload, long receivedNanos) {
                }

                @Override
                public void onHeartbeat(PushConnection c, long roundTripNanos) {
                    roundTrips.add(roundTripNanos);
                }
            });

            awaitTrue(() -> roundTrips.size() >= 3, "three ping round trips");
            assertThat(roundTrips).allSatisfy(rtt -> assertThat(rtt).isPositive());
            assertThat(connection.isOpen()).isTrue();
        }
    }

    @Test
    void theServerPingsAConnectionItWroteNothingToAndTheClientAnswers() throws Exception {
        try (ReferenceServer server = ReferenceServer.builder().heartbeatInterval(SHORT).start();
             NettyWebSocketDriver driver = new NettyWebSocketDriver(new DriverOptions(1, 0, FAR_OFF))) {
            PushConnection connection = connect(server, driver, (c, payload, receivedNanos) -> {
            });
            long readBefore = driver.wire().bytesRead();
            long writtenBefore = driver.wire().bytesWritten();

            // Nothing is published and the client does not ping: all the client reads is the server's pings.
            awaitTrue(() -> driver.wire().bytesRead() - readBefore >= 3 * SERVER_PING_BYTES, "three server pings");
            awaitTrue(() -> driver.wire().bytesWritten() - writtenBefore >= 3 * CLIENT_PONG_BYTES, "three pongs");
            assertThat((driver.wire().bytesRead() - readBefore) % SERVER_PING_BYTES).as("only pings read").isZero();
            assertThat(connection.isOpen()).isTrue();
        }
    }

    private static PushConnection connect(ReferenceServer server, NettyWebSocketDriver driver,
            ConnectionListener listener) throws Exception {
        PushConnection connection = driver.connect(
                Target.of(URI.create("ws://127.0.0.1:" + server.port() + Paths.WS_BROADCAST)), listener)
                .get(10, TimeUnit.SECONDS);
        awaitTrue(() -> server.stats().subscribers() == 1, "the subscriber joined");
        return connection;
    }
}
