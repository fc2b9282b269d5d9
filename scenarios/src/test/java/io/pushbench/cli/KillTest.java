package io.pushbench.cli;

import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.RunResult;
import io.pushbench.core.testing.HistogramLogs;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.pushbench.core.testing.Await.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} of a running {@code compare} (no shutdown hook runs): the histogram logs on disk
 * stay readable, {@code result.json} holds the transports completed and says the run did not
 * finish, and {@code pushbench report DIR} renders a page that says so.
 */
class KillTest {

    @Test
    void aKilledRunLeavesReadableLogsAndAPartialReport(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // 5 s per transport: after the two intervals waited for, 3 s are left in which to kill it, which
        // a loaded machine needs (the kill must come while the second transport still runs).
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                PushBench.class.getName(), "compare", "--transports", "websocket,sse-http1", "--rate", "500",
                "--subscribers", "2", "--warmup", "500ms", "--duration", "5s", "--drain", "500ms", "--quiet",
                "--out", out.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("console.txt").toFile())
                .start();
        Path running = out.resolve("sse-http1-netty.hlog");
        try {
            // Kill while the second transport is measuring: the first is complete in result.json.
            awaitTrue(Duration.ofSeconds(60), () -> !process.isAlive()
                    || HistogramLogs.intervalsWritten(running, Metrics.PUSH_CORRECTED) >= 2,
                    "two measured intervals of the second transport logged");
            assertThat(process.isAlive()).as("still running when killed").isTrue();
            process.destroyForcibly(); // SIGKILL
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }

        RunResult result = ResultFiles.read(out);
        assertThat(result.finishedAt()).as("a killed run has no finish time").isNull();
        assertThat(result.results()).hasSize(1);
        assertThat(readableIntervals(out.resolve("websocket-netty.hlog"))).isPositive();
        assertThat(readableIntervals(running)).isPositive();

        CliTestSupport.Run report = CliTestSupport.run("report", out.toString());
        assertThat(report.exitCode()).as("the input was not whole").isEqualTo(PushBench.EXIT_FAILURE);
        assertThat(report.err()).contains("did not finish");
        String page = Files.readString(out.resolve("report.html"));
        assertThat(page).contains("did not finish").contains("sse-http1-netty.hlog");
    }

    /** Intervals HdrHistogram's own reader gets from a log, stopping at a cut-off last line. */
    private static int readableIntervals(Path log) throws Exception {
        int intervals = 0;
        try (InputStream in = Files.newInputStream(log)) {
            HistogramLogReader reader = new HistogramLogReader(in);
            try {
                while (reader.nextIntervalHistogram() != null) {
                    intervals++;
                }
            } catch (RuntimeException cutOff) {
                // A line cut by the kill ends the readable part; every interval before it was read.
            }
        }
        return intervals;
    }
}
