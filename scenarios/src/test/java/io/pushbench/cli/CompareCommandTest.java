package io.pushbench.cli;

import io.pushbench.core.result.FloorResult;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.RunResult;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.testing.HistogramLogs;
import io.pushbench.core.transport.ClientStack;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code pushbench compare} as a user runs it: summary on the console, a result directory on disk. */
class CompareCommandTest {

    @Test
    void printsTheSummaryAndWritesAResultDirectory(@TempDir Path dir) throws Exception {
        CliTestSupport.Run run = CliTestSupport.run("compare", "--transports", "websocket", "--rate", "500",
                "--subscribers", "3", "--warmup", "500ms", "--duration", "2s", "--drain", "20s", "--out", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("p50", "p99.9", "msg/s", "lost", "websocket", "results: ");
        assertThat(run.out()).contains("floor (raw TCP)", "p50/floor", "p99/floor", "one way");
        assertThat(run.out().lines().filter(l -> l.startsWith("websocket")))
                .as("the transport's row ends its latencies with two multiples of the floor")
                .first().asString().containsPattern("\\d+\\.\\d+x +\\d+\\.\\d+x");

        RunResult result = ResultFiles.read(dir);
        assertThat(result.format()).isEqualTo(RunResult.FORMAT);
        assertThat(result.interrupted()).isFalse();
        assertThat(result.environment().cpus()).isPositive();
        assertThat(result.scenario().subscribers()).isEqualTo(3);
        TransportResult ws = result.results().get(0);
        assertThat(ws.delivery().received()).isEqualTo(3 * 1000);
        assertThat(ws.delivery().lost()).isZero();
        assertThat(ws.latency().get(Metrics.PUSH_CORRECTED).p99()).isPositive();
        FloorResult floor = result.floor();
        assertThat(floor).as("the floor runs first, at the run's rate and size").isNotNull();
        assertThat(floor.messageSize()).isEqualTo(256);
        assertThat(floor.sent()).isEqualTo(1000);
        assertThat(floor.received()).isEqualTo(floor.sent());
        assertThat(floor.latency().get(Metrics.PUSH_CORRECTED).count()).isEqualTo(1000);
        assertThat(floor.latency().get(Metrics.RTT_CORRECTED).count()).isEqualTo(1000);
        assertThat(dir.resolve(floor.histogramLog())).isNotEmptyFile();

        Map<String, Histogram> logged = HistogramLogs.totalsByTag(dir.resolve(ws.histogramLog()));
        assertThat(logged).containsKeys(Metrics.PUSH_CORRECTED, Metrics.PUSH_UNCORRECTED, Metrics.CONNECT,
                Metrics.SCHEDULE_LAG);
        assertThat(logged.get(Metrics.PUSH_CORRECTED).getTotalCount()).isEqualTo(ws.delivery().received());
    }

    @Test
    void clientStacksRunAsAMatrixAndTheirAgreementIsReported(@TempDir Path dir) throws Exception {
        CliTestSupport.Run run = CliTestSupport.run("compare", "--transports", "websocket",
                "--clients", "netty,jetty,okhttp", "--rate", "200", "--subscribers", "2", "--warmup", "200ms",
                "--duration", "1s", "--drain", "500ms", "--quiet", "--out", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("websocket/jetty", "websocket/okhttp", "client stacks against the reference stack");
        RunResult result = ResultFiles.read(dir);
        assertThat(result.results()).extracting(TransportResult::label)
                .containsExactly("websocket", "websocket/jetty", "websocket/okhttp");
        assertThat(result.results()).allSatisfy(r -> assertThat(r.delivery().lost()).isZero());
        assertThat(result.agreement()).hasSize(2).allSatisfy(a -> {
            assertThat(a.reference()).isEqualTo(ClientStack.NETTY);
            assertThat(a.p50Ratio()).isPositive();
            assertThat(a.p99Ratio()).isPositive();
        });
    }

    @Test
    void noFloorSkipsTheFloor(@TempDir Path dir) throws Exception {
        CliTestSupport.Run run = CliTestSupport.run("compare", "--transports", "websocket", "--no-floor",
                "--no-generator-floor", "--rate", "200", "--subscribers", "2", "--warmup", "200ms", "--duration",
                "500ms", "--drain", "500ms", "--quiet", "--out", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("websocket").doesNotContain("floor");
        assertThat(ResultFiles.read(dir).floor()).isNull();
        assertThat(dir.resolve(FloorResult.HISTOGRAM_LOG)).doesNotExist();
    }

    @Test
    void sseOverHttp2EchoRunsOnOneTcpConnection(@TempDir Path dir) throws Exception {
        CliTestSupport.Run run = CliTestSupport.run("compare", "--transports", "sse-http2", "--workload", "echo",
                "--rate", "300", "--subscribers", "3", "--warmup", "300ms", "--duration", "1s", "--drain", "20s", "--out",
                dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).as("echo is read against the round-trip floor").contains("floor (raw TCP)", "round trip");
        TransportResult h2 = ResultFiles.read(dir).results().get(0);
        assertThat(h2.delivery().received()).isEqualTo(300);
        assertThat(h2.delivery().lost()).isZero();
        assertThat(h2.connections().opened()).isEqualTo(3);
        assertThat(h2.connections().tcpConnections()).as("3 streams and their POSTs").isEqualTo(1);
    }

    @Test
    void helpDocumentsEveryOptionWithItsDefault() {
        CliTestSupport.Run run = CliTestSupport.run("compare", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--rate", "Default: 1000", "--size", "Default: 256", "--duration",
                "Default: 10s", "--warmup", "--subscribers", "--out", "--transports", "--workload");
    }
}
