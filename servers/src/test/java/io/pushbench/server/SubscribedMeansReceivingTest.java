package io.pushbench.server;

import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.Drivers;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.pushbench.core.testing.Await.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subscriber the server counts can receive broadcasts: the first message published after
 * {@link ServerStats#subscribers()} shows a new subscriber reaches it, on every transport. The test
 * publishes the moment the count moves, and repeats, because a race between counting and joining
 * shows only some of the time.
 */
@Timeout(120)
class SubscribedMeansReceivingTest {

    private static final int ROUNDS = 20;

    private ReferenceServer server;

    @BeforeEach
    void start() throws IOException {
        server = ReferenceServer.builder().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theFirstBroadcastAfterASubscriberIsCountedReachesIt(Transport transport) throws Exception {
        try (TransportDriver driver = Drivers.create(transport, ClientStack.NETTY, new DriverOptions(1, 0))) {
            for (int round = 0; round < ROUNDS; round++) {
                List<String> received = new CopyOnWriteArrayList<>();
                // Not waiting for the client to see its connection open: the server's count is the signal.
                CompletableFuture<PushConnection> opening = driver.connect(EngineFixture.broadcastTarget(server,
                        transport), (c, payload, t) -> received.add(payload.toString()));
                awaitCountedAtOnce(round);
                String message = "round " + round;
                server.hub().publish(message);
                PushConnection connection = opening.get(5, TimeUnit.SECONDS);
                awaitTrue(() -> received.contains(message), "round " + round + ": first broadcast received");
                assertThat(received).containsExactly(message);
                connection.close();
                awaitTrue(() -> server.stats().subscribers() == 0, "round " + round + ": subscriber gone");
            }
        }
    }

    /** Watches the count without sleeping, so that the publish follows the count as closely as it can. */
    private void awaitCountedAtOnce(int round) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.stats().subscribers() != 1) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("round " + round + ": subscriber not counted within 5 s");
            }
            Thread.onSpinWait();
        }
    }
}
