package io.pushbench.cli;

import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.RunResult;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the catalogue's chat, large-messages and idle scenarios rely on, end to end on every
 * transport with the Netty drivers against the embedded reference server, at a small scale.
 */
class CatalogueWorkloadsTest {

    @Test
    void chatDeliversEveryClientsMessageToEveryClientOnce(@TempDir Path dir) throws Exception {
        CliTestSupport.Run run = CliTestSupport.run("compare", "--workload", "chat", "--rate", "40",
                "--subscribers", "4", "--size", "200", "--warmup", "300ms", "--duration", "1s", "--drain", "3s",
                "--quiet", "--out", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        RunResult result = ResultFiles.read(dir);
        assertThat(result.results()).extracting(TransportResult::transport)
                .containsExactly(Transport.LONG_POLLING, Transport.WEBSOCKET, Transport.SSE_HTTP1, Transport.SSE_HTTP2);
        for (TransportResult r : result.results()) {
            assertThat(r.delivery().sent()).as(r.label()).isEqualTo(40);
            assertThat(r.delivery().expected()).as(r.label()).isEqualTo(4 * 40);
            assertThat(r.delivery().received()).as(r.label()).isEqualTo(4 * 40);
            assertThat(r.delivery().lost()).as(r.label()).isZero();
            assertThat(r.delivery().duplicated()).as(r.label()).isZero();
            assertThat(r.errors()).as(r.label()).isEmpty();
            assertThat(r.latency().get(Metrics.PUSH_CORRECTED).count()).as(r.label()).isEqualTo(4 * 40);
            // Upstream is on the wire too: 40 messages of 200 bytes went up, whatever carried them.
            assertThat(r.wire().bytesWritten()).as(r.label()).isGreaterThan(40 * 200);
        }
    }

    @Test
    void aOneMebibyteMessageArrivesWholeOnEveryTransport(@TempDir Path dir) throws Exception {
        int size = 1024 * 1024;
        CliTestSupport.Run run = CliTestSupport.run("compare", "--size", String.valueOf(size), "--rate", "2",
                "--subscribers", "2", "--warmup", "0s", "--duration", "1s", "--drain", "5s", "--quiet",
                "--out", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        RunResult result = ResultFiles.read(dir);
        assertThat(result.results()).hasSize(4);
        for (TransportResult r : result.results()) {
            assertThat(r.delivery().sent()).as(r.label()).isEqualTo(2);
            assertThat(r.delivery().received()).as(r.label()).isEqualTo(2 * 2);
            assertThat(r.errors()).as(r.label()).isEmpty();
            // Decoded envelopes are checked whole (padding included), so every byte had to arrive.
            assertThat(r.wire().bytesRead()).as(r.label()).isGreaterThanOrEqualTo(2L * 2 * size);
        }
    }

    @Test
    void idleConnectionsReportTheirCostAndHeartbeats(@TempDir Path dir) throws Exception {
        CliTestSupport.Run run = CliTestSupport.run("compare", "--workload", "idle", "--subscribers", "20",
                "--heartbeat", "250ms", "--warmup", "100ms", "--duration", "800ms", "--out", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("per connection", "heap KiB", "RSS KiB", "cpu us", "heartbeats")
                .doesNotContain("push latency");
        RunResult result = ResultFiles.read(dir);
        assertThat(result.scenario().heartbeat()).hasMillis(250);
        for (TransportResult r : result.results()) {
            assertThat(r.connections().opened()).as(r.label()).isEqualTo(20);
            assertThat(r.delivery().sent()).as(r.label()).isZero();
            TransportResult.PerConnection per = r.perConnection();
            assertThat(per).as(r.label()).isNotNull();
            // Three heartbeat intervals passed: each transport's heartbeat put bytes on every connection.
            assertThat(per.wireBytes()).as(r.label()).isPositive();
            assertThat(per.serverCpuMicros()).as(r.label()).isGreaterThanOrEqualTo(0);
            assertThat(per.generatorCpuMicros()).as(r.label()).isGreaterThanOrEqualTo(0);
        }
        TransportResult ws = result.results().stream().filter(r -> r.transport() == Transport.WEBSOCKET).findFirst()
                .orElseThrow();
        assertThat(ws.latency().get(Metrics.HEARTBEAT_RTT).count()).isPositive();
    }

    @Test
    void idleRefusesAPhaseShorterThanTwoHeartbeats() {
        CliTestSupport.Run run = CliTestSupport.run("compare", "--workload", "idle", "--heartbeat", "15s",
                "--duration", "3s");

        CliTestSupport.assertOneLineError(run, "--duration", "3.0s", "two heartbeat intervals", "30.0s");
    }
}
