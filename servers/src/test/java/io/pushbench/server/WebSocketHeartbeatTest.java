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

import static org.assertj.core.api.Assertions.assertThat;

/** Heartbeats keep idle WebSocket connections alive both ways, and the client's ping round trip is reported. */
class WebSocketHeartbeatTest {

    @Test
    void pingsGoBothWaysOnAnIdleConnection() throws Exception {
        List<Long> roundTrips = new CopyOnWriteArrayList<>();
        try (ReferenceServer server = ReferenceServer.builder().heartbeatInterval(Duration.ofMillis(100)).start();
             NettyWebSocketDriver driver = new NettyWebSocketDriver(new DriverOptions(1, 0, Duration.ofMillis(100)))) {
            PushConnection connection = driver.connect(
                    Target.of(URI.create("ws://127.0.0.1:" + server.port() + Paths.WS_BROADCAST)),
                    new ConnectionListener() {
                        @Override
                        public void onMessage(PushConnection c, CharSequence payload, long receivedNanos) {
                        }

                        @Override
                        public void onHeartbeat(PushConnection c, long roundTripNanos) {
                            roundTrips.add(roundTripNanos);
                        }
                    }).get(5, TimeUnit.SECONDS);
            long readBefore = driver.wire().bytesRead();
            Thread.sleep(700);

            assertThat(connection.isOpen()).isTrue();
            assertThat(roundTrips).hasSizeGreaterThanOrEqualTo(3).allSatisfy(rtt -> assertThat(rtt).isPositive());
            // The client read more than the pongs to its own pings (10 bytes each): the server pinged too.
            long pongBytes = roundTrips.size() * 10L;
            assertThat(driver.wire().bytesRead() - readBefore).isGreaterThan(pongBytes);
        }
    }
}
