package io.pushbench.server;

import io.pushbench.core.result.Metrics;
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
 * The server goes away mid-run and comes back on the same port: each driver recovers the way its
 * transport does, the run finishes, and its result shows the reconnects, the downtime and the
 * messages lost while the server was down (about 0.5 s of 500 msg/s, to each of 3 subscribers).
 */
class ServerRestartTest {

    @TempDir
    Path dir;

    private TransportResult runAcrossRestart(Transport transport) throws Exception {
        RunSpec spec = RunSpec.builder().transports(List.of(transport)).rate(500).subscribers(3)
                .warmup(Duration.ZERO).duration(Duration.ofSeconds(3)).build();
        return EngineFixture.broadcastAcrossRestart(spec, dir, Duration.ofSeconds(1), Duration.ofMillis(500));
    }

    private static void assertRecoveredLosingOnlyTheDowntime(TransportResult r) {
        assertThat(r.connections().reconnects()).isEqualTo(3);
        assertThat(r.latency().get(Metrics.RECONNECT_DOWNTIME).count()).isEqualTo(3);
        assertThat(r.latency().get(Metrics.RECONNECT_DOWNTIME).p50()).as("µs").isGreaterThan(400_000);
        // 0.5 s down at 500 msg/s is 250 per subscriber; a loaded machine may take a second longer to reconnect.
        assertThat(r.delivery().lost()).isBetween(3L * 200, 3L * 1200);
        assertThat(r.delivery().received()).isGreaterThan(3L * 800);
        assertThat(r.delivery().duplicated()).isZero();
    }

    @Test
    void webSocketReconnectsWithBackoff() throws Exception {
        TransportResult r = runAcrossRestart(Transport.WEBSOCKET);
        assertRecoveredLosingOnlyTheDowntime(r);
        assertThat(r.errors()).containsKey("closed-by-server");
    }

    @Test
    void sseOverHttp2RequestsTheStreamAgain() throws Exception {
        TransportResult r = runAcrossRestart(Transport.SSE_HTTP2);
        assertRecoveredLosingOnlyTheDowntime(r);
        assertThat(r.errors()).containsKey("closed-by-server");
        assertThat(r.connections().tcpConnections()).as("one before the restart, one after").isEqualTo(2);
    }

    @Test
    void longPollingPollsAgain() throws Exception {
        TransportResult r = runAcrossRestart(Transport.LONG_POLLING);
        assertRecoveredLosingOnlyTheDowntime(r);
        // The new server counts ids from 0 again: the pollers' older, larger after gets all it retained.
        assertThat(r.errors()).containsKey("connect-failed");
        assertThat(r.errors().keySet()).containsAnyOf("closed-by-server", "io");
    }
}
