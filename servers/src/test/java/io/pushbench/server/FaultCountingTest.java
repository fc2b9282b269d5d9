package io.pushbench.server;

import io.pushbench.core.result.TransportResult;
import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server that drops, repeats and swaps messages on request: pushbench must count exactly what
 * it did, per subscriber. Up to 1000 messages (1 s at 1000 msg/s, no warm-up) to 2 subscribers;
 * the faults hit every n-th message the server publishes, so the exact counts follow from how many
 * the generator sent (all 1000 unless a loaded machine held it back past its grace period).
 */
class FaultCountingTest {

    private static final int SUBSCRIBERS = 2;

    @TempDir
    Path dir;

    /**
     * @param drain how long to wait for deliveries after the last send: a run with a message that never
     *              comes waits all of it, so it must cover a client that a loaded machine holds back
     */
    private TransportResult runWith(BroadcastFaults faults, Duration drain) throws Exception {
        RunSpec spec = RunSpec.builder().transports(List.of(Transport.WEBSOCKET)).rate(1000).subscribers(SUBSCRIBERS)
                .warmup(Duration.ZERO).duration(Duration.ofSeconds(1)).drain(drain).build();
        try (ReferenceServer server = ReferenceServer.builder().faults(faults).start()) {
            TransportResult result = EngineFixture.broadcast(server, spec, dir);
            assertThat(result.delivery().sent() + result.selfHealth().unsentMessages()).as("sent or reported unsent")
                    .isEqualTo(1000);
            return result;
        }
    }

    /** How many of the first {@code sent} messages (0, 1, ...) have an index {@code i} with {@code i % every == every - 1}. */
    private static long hit(long sent, int every) {
        return sent / every;
    }

    @Test
    void droppedMessagesAreCountedAsLost() throws Exception {
        TransportResult.Delivery d = runWith(new BroadcastFaults(100, 0, 0), Duration.ofSeconds(10)).delivery();
        long dropped = hit(d.sent(), 100);
        assertThat(d.lost()).isEqualTo(SUBSCRIBERS * dropped);
        assertThat(d.duplicated()).isZero();
        assertThat(d.outOfOrder()).isZero();
        assertThat(d.received()).isEqualTo(SUBSCRIBERS * (d.sent() - dropped));
    }

    @Test
    void repeatedMessagesAreCountedAsDuplicates() throws Exception {
        // Messages 89, 179, ... 989 go out twice: 11 each. The last repeat has later messages behind it
        // on the same connection, so it arrives before the run has every expected message and stops waiting.
        TransportResult.Delivery d = runWith(new BroadcastFaults(0, 90, 0), EngineFixture.DRAIN_UNTIL_DELIVERED)
                .delivery();
        assertThat(d.lost()).isZero();
        assertThat(d.duplicated()).isEqualTo(SUBSCRIBERS * hit(d.sent(), 90));
        assertThat(d.outOfOrder()).isZero();
        assertThat(d.received()).isEqualTo(SUBSCRIBERS * d.sent());
    }

    @Test
    void swappedMessagesAreCountedAsOutOfOrder() throws Exception {
        TransportResult.Delivery d = runWith(new BroadcastFaults(0, 0, 100), Duration.ofSeconds(10)).delivery();
        // Messages 99, 199, ... arrive after their successor; the last one sent, when it is one of them
        // (999 of 1000), has no successor to follow, so the server never sends it: lost.
        long swapped = hit(d.sent(), 100);
        long withoutSuccessor = d.sent() % 100 == 0 ? 1 : 0;
        assertThat(d.outOfOrder()).isEqualTo(SUBSCRIBERS * (swapped - withoutSuccessor));
        assertThat(d.lost()).isEqualTo(SUBSCRIBERS * withoutSuccessor);
        assertThat(d.duplicated()).isZero();
    }
}
