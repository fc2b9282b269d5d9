package io.pushbench.server;

import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.spec.RunSpec;
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
 * The claims are counts that follow from the outage whatever the machine's load: what was due
 * while no server ran is lost, what the restarted server published once everyone was back is not.
 */
class ServerRestartTest {

    private static final int SUBSCRIBERS = 3;

    @TempDir
    Path dir;

    private EngineFixture.RestartRun runAcrossRestart(Transport transport) throws Exception {
        RunSpec spec = RunSpec.builder().transports(List.of(transport)).rate(500).subscribers(SUBSCRIBERS)
                .warmup(Duration.ZERO).duration(Duration.ofSeconds(4))
                // What no server received is never delivered, so the drain runs out: 5 s lets a client that a
                // loaded machine holds back receive the rest.
                .drain(Duration.ofSeconds(5)).build();
        // Down once 1 s of the plan was published, for 0.5 s; 2.5 s of the plan remain to come back in.
        return EngineFixture.broadcastAcrossRestart(spec, dir, 500, Duration.ofMillis(500));
    }

    /**
     * @param resumes whether the transport asks the new server for what it missed (an event stream's
     *                Last-Event-ID, a poll's after): then nothing the new server published is lost
     */
    private static void assertRecoveredLosingOnlyTheOutage(EngineFixture.RestartRun run, boolean resumes) {
        TransportResult r = run.result();
        String context = " (" + run.counts() + ", errors " + r.errors() + ", self-check " + r.selfHealth().reasons() + ")";
        assertThat(r.connections().reconnects()).as("reconnects" + context).isEqualTo(SUBSCRIBERS);
        assertThat(r.latency().get(Metrics.RECONNECT_DOWNTIME).count()).isEqualTo(SUBSCRIBERS);
        assertThat(r.latency().get(Metrics.RECONNECT_DOWNTIME).p50()).as("µs").isPositive();
        TransportResult.Delivery d = r.delivery();
        assertThat(d.lost()).as("lost: at least what was due while no server ran, by every subscriber" + context)
                .isGreaterThanOrEqualTo(SUBSCRIBERS * run.toNobody());
        long surelyDelivered = resumes ? run.toNewServer() : run.afterRejoin();
        assertThat(d.received()).as("received: at least what the new server published "
                        + (resumes ? "(resumed)" : "once every subscriber was back") + context)
                .isGreaterThanOrEqualTo(SUBSCRIBERS * surelyDelivered);
        assertThat(d.received() + d.lost()).isEqualTo(d.expected());
        assertThat(d.duplicated()).isZero();
    }

    @Test
    void webSocketReconnectsWithBackoff() throws Exception {
        EngineFixture.RestartRun run = runAcrossRestart(Transport.WEBSOCKET);
        assertRecoveredLosingOnlyTheOutage(run, false);
        assertThat(run.result().errors()).containsKey("closed-by-server");
    }

    @Test
    void sseOverHttp1ResumesWithLastEventId() throws Exception {
        EngineFixture.RestartRun run = runAcrossRestart(Transport.SSE_HTTP1);
        // The new server counts ids from 0 again: a Last-Event-ID newer than its newest gets all it retained.
        assertRecoveredLosingOnlyTheOutage(run, true);
        assertThat(run.result().errors()).containsKey(ErrorKind.CLOSED_BY_SERVER.id());
    }

    @Test
    void sseOverHttp2RequestsTheStreamAgain() throws Exception {
        EngineFixture.RestartRun run = runAcrossRestart(Transport.SSE_HTTP2);
        assertRecoveredLosingOnlyTheOutage(run, true);
        assertThat(run.result().errors()).containsKey("closed-by-server");
        assertThat(run.result().connections().tcpConnections()).as("one before the restart, one after").isEqualTo(2);
    }

    @Test
    void longPollingPollsAgain() throws Exception {
        EngineFixture.RestartRun run = runAcrossRestart(Transport.LONG_POLLING);
        // The new server counts ids from 0 again: the pollers' older, larger after gets all it retained.
        assertRecoveredLosingOnlyTheOutage(run, true);
        assertThat(run.result().errors()).containsKey("connect-failed");
        assertThat(run.result().errors().keySet()).containsAnyOf("closed-by-server", "io");
    }
}
