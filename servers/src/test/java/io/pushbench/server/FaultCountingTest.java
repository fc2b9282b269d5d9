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
 * it did, per subscriber. 1000 messages (1 s at 1000 msg/s, no warm-up) to 2 subscribers.
 */
class FaultCountingTest {

    @TempDir
    Path dir;

    private TransportResult runWith(BroadcastFaults faults) throws Exception {
        RunSpec spec = RunSpec.builder().transports(List.of(Transport.WEBSOCKET)).rate(1000).subscribers(2)
                .warmup(Duration.ZERO).duration(Duration.ofSeconds(1)).drain(Duration.ofMillis(500)).build();
        try (ReferenceServer server = ReferenceServer.builder().faults(faults).start()) {
            return EngineFixture.broadcast(server, spec, dir);
        }
    }

    @Test
    void droppedMessagesAreCountedAsLost() throws Exception {
        TransportResult.Delivery d = runWith(new BroadcastFaults(100, 0, 0)).delivery();
        assertThat(d.sent()).isEqualTo(1000);
        assertThat(d.lost()).isEqualTo(2 * 10);
        assertThat(d.duplicated()).isZero();
        assertThat(d.outOfOrder()).isZero();
        assertThat(d.received()).isEqualTo(2 * 990);
    }

    @Test
    void repeatedMessagesAreCountedAsDuplicates() throws Exception {
        // Messages 89, 179, ... 989 go out twice: 11 each. The last repeat has later messages behind it
        // on the same connection, so it arrives before the run has every expected message and stops waiting.
        TransportResult.Delivery d = runWith(new BroadcastFaults(0, 90, 0)).delivery();
        assertThat(d.duplicated()).isEqualTo(2 * 11);
        assertThat(d.lost()).isZero();
        assertThat(d.outOfOrder()).isZero();
        assertThat(d.received()).isEqualTo(2 * 1000);
    }

    @Test
    void swappedMessagesAreCountedAsOutOfOrder() throws Exception {
        TransportResult.Delivery d = runWith(new BroadcastFaults(0, 0, 100)).delivery();
        // Messages 99, 199, ... 899 arrive after their successor; 999 has no successor to follow,
        // so the server never sends it: lost.
        assertThat(d.outOfOrder()).isEqualTo(2 * 9);
        assertThat(d.lost()).isEqualTo(2);
        assertThat(d.duplicated()).isZero();
    }
}
