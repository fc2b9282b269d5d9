package io.pushbench.core.shard;

import io.pushbench.core.engine.StartGate;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rendezvous over real sockets on loopback: shared starts, missing shards, restarted shards. */
class CoordinatorTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private static Coordinator coordinator(int shards, Duration timeout, boolean allowMissing, List<String> log)
            throws Exception {
        return new Coordinator(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), shards, timeout,
                allowMissing, null, log::add);
    }

    private static RendezvousClient join(Coordinator c, int index, int count, String attempt) throws Exception {
        return RendezvousClient.join(new InetSocketAddress(InetAddress.getLoopbackAddress(), c.port()), index, count,
                attempt, "host-" + index, PATIENCE);
    }

    @Test
    void everyShardGetsTheSameStartWithItsClockOffset() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (Coordinator c = coordinator(3, PATIENCE, false, log)) {
            List<RendezvousClient> clients = List.of(join(c, 0, 3, "a"), join(c, 1, 3, "b"), join(c, 2, 3, "c"));
            List<CompletableFuture<RendezvousClient.Start>> starts = clients.stream()
                    .map(client -> CompletableFuture.supplyAsync(() -> client.awaitStart(1))).toList();
            long before = System.nanoTime();
            List<RendezvousClient.Start> got = starts.stream().map(f -> f.orTimeout(20, TimeUnit.SECONDS).join())
                    .toList();
            for (RendezvousClient.Start s : got) {
                // One host, one monotonic clock: the offset is within its own error bound of zero.
                assertThat(Math.abs(s.clockOffsetNanos())).isLessThanOrEqualTo(s.clockErrorNanos());
                // The start on the rendezvous's clock is the same for everyone.
                assertThat(s.localStartNanos() + s.clockOffsetNanos()).isEqualTo(got.get(0).localStartNanos()
                        + got.get(0).clockOffsetNanos());
                assertThat(s.localStartNanos()).isGreaterThan(before);
                assertThat(s.shards()).containsExactly(0, 1, 2);
                assertThat(s.missing()).isEmpty();
            }
            assertThat(clients).extracting(RendezvousClient::runId).containsOnly(c.runId());
            clients.forEach(cl -> cl.finish(null, false));
            assertThat(c.awaitDone(PATIENCE)).isTrue();
        }
    }

    @Test
    void aShardThatNeverArrivesFailsTheRunWithItsName() throws Exception {
        try (Coordinator c = coordinator(2, Duration.ofMillis(500), false, new CopyOnWriteArrayList<>())) {
            RendezvousClient only = join(c, 0, 2, "a");
            assertThatThrownBy(() -> only.awaitStart(1)).isInstanceOf(StartGate.StartRefusedException.class)
                    .hasMessageContaining("shard 1 (never arrived)").hasMessageContaining("--allow-missing-shards");
        }
    }

    @Test
    void withMissingShardsAllowedTheOthersStartAndNameIt() throws Exception {
        try (Coordinator c = coordinator(3, Duration.ofMillis(500), true, new CopyOnWriteArrayList<>())) {
            RendezvousClient a = join(c, 0, 3, "a");
            RendezvousClient b = join(c, 2, 3, "b");
            CompletableFuture<RendezvousClient.Start> startA = CompletableFuture.supplyAsync(() -> a.awaitStart(1));
            RendezvousClient.Start startB = b.awaitStart(1);
            assertThat(startB.shards()).containsExactly(0, 2);
            assertThat(startB.missing()).containsExactly(1);
            assertThat(startA.orTimeout(20, TimeUnit.SECONDS).join().missing()).containsExactly(1);
            assertThatThrownBy(() -> join(c, 1, 3, "late")).isInstanceOf(StartGate.StartRefusedException.class)
                    .hasMessageContaining("after the run started without it");
        }
    }

    @Test
    void aRestartedShardIsRefusedSoItsResultsAreNeverCountedTwice() throws Exception {
        try (Coordinator c = coordinator(2, PATIENCE, false, new CopyOnWriteArrayList<>())) {
            RendezvousClient first = join(c, 1, 2, "first");
            first.close(); // it died
            assertThatThrownBy(() -> join(c, 1, 2, "second")).isInstanceOf(StartGate.StartRefusedException.class)
                    .hasMessageContaining("already joined").hasMessageContaining("never counted twice");
            assertThatThrownBy(() -> join(c, 0, 3, "wrong")).isInstanceOf(StartGate.StartRefusedException.class)
                    .hasMessageContaining("runs 2 shards");
        }
    }
}
