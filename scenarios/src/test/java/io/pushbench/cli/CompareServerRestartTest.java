package io.pushbench.cli;

import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.RunResult;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.testing.HistogramLogs;
import io.pushbench.core.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.pushbench.core.testing.Await.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code compare --server} against a real {@code pushbench serve} process that is killed
 * ({@code kill -9}, by PID) and restarted on the same port while each transport is measured:
 * the run completes, and each transport records its reconnects, their downtime and the messages
 * lost in the gap.
 */
class CompareServerRestartTest {

    /** How long one transport's measured phase is; a restart (a new JVM) must fit well inside it. */
    private static final String DURATION = "5s";

    @Test
    void eachTransportRecoversFromAServerRestartAndRecordsTheGap(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        ServerProcess server = ServerProcess.start();
        int port = server.port();
        String url = server.base("http");
        try {
            CompletableFuture<CliTestSupport.Run> compare = CompletableFuture.supplyAsync(() -> CliTestSupport.run(
                    "compare", "--server", url, "--rate", "200", "--subscribers", "3",
                    "--warmup", "500ms", "--duration", DURATION, "--drain", "1s", "--quiet", "--out", out.toString()));
            for (Transport transport : CompareCommand.DEFAULT_TRANSPORTS) {
                awaitMeasuring(out.resolve(ResultFiles.histogramLogName(transport, ClientStack.NETTY)), compare);
                server.crash();
                server = ServerProcess.startOn(port);
            }
            CliTestSupport.Run run = compare.get(120, TimeUnit.SECONDS);
            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(run.out()).contains("gap lost");
        } finally {
            server.stop();
        }
        RunResult result = ResultFiles.read(out);
        assertThat(result.interrupted()).isFalse();
        assertThat(result.results()).hasSize(CompareCommand.DEFAULT_TRANSPORTS.size());
        for (TransportResult r : result.results()) {
            assertThat(r.connections().reconnects()).as(r.label() + " reconnects").isPositive();
            assertThat(r.connections().downtimeSeconds()).as(r.label() + " downtime").isPositive();
            assertThat(r.delivery().lostInGaps()).as(r.label() + " lost in gaps").isPositive()
                    .isLessThanOrEqualTo(r.delivery().lost());
            assertThat(r.delivery().received()).as(r.label() + " received after the restart too").isPositive();
            assertThat(r.selfHealth().serverCpuMillis()).as("another process's CPU is not ours to read").isEqualTo(-1);
            assertThat(out.resolve(r.histogramLog())).isNotEmptyFile();
        }
    }

    /** Waits until the transport's log holds a few measured intervals: its run is past warm-up. */
    private static void awaitMeasuring(Path log, CompletableFuture<?> compare) throws InterruptedException {
        awaitTrue(Duration.ofSeconds(60), () -> compare.isDone()
                || HistogramLogs.intervalsWritten(log, Metrics.PUSH_CORRECTED) >= 2, log.getFileName() + " measuring");
        assertThat(compare).as("compare still running when " + log.getFileName() + " is measuring").isNotDone();
    }
}
