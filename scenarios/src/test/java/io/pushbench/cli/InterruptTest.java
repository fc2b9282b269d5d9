package io.pushbench.cli;

import io.pushbench.core.result.FloorResult;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.RunResult;
import io.pushbench.core.testing.HistogramLogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.pushbench.core.testing.Await.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

/** SIGTERM (what Ctrl-C and {@code kill} send) stops a run and keeps what it measured. */
class InterruptTest {

    /** How long a run may take to get where a test interrupts it: a JVM starting on a loaded machine. */
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void sigtermWritesAResultMarkedInterrupted(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                PushBench.class.getName(), "compare", "--transports", "websocket", "--rate", "500",
                "--subscribers", "2", "--warmup", "500ms", "--duration", "60s", "--no-floor", "--out", out.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("console.txt").toFile())
                .start();
        try {
            Path console = dir.resolve("console.txt");
            // Wait until a few measured seconds were reported (warm-up and connecting print no rate).
            awaitTrue(RUN_TIMEOUT, () -> !process.isAlive()
                    || Files.readAllLines(console).stream().filter(l -> l.contains("msg/s")).count() >= 3,
                    "three measured seconds reported");
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exits by itself").isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).as("128 + SIGTERM, as the JVM reports a signal").isEqualTo(143);
        RunResult result = ResultFiles.read(out);
        assertThat(result.interrupted()).isTrue();
        assertThat(result.results()).hasSize(1);
        assertThat(result.results().get(0).measuredSeconds()).isBetween(0.5, 30.0);
        assertThat(result.results().get(0).delivery().received()).isPositive();
        List<String> console = Files.readAllLines(dir.resolve("console.txt"));
        assertThat(console).anySatisfy(line -> assertThat(line).startsWith("interrupted"));
        assertThat(new File(out.toFile(), "result.json")).exists();
    }

    @Test
    void sigtermDuringTheFloorKeepsTheFloorAndSkipsTheTransports(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                PushBench.class.getName(), "compare", "--transports", "websocket", "--rate", "500",
                "--warmup", "200ms", "--duration", "60s", "--out", out.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("console.txt").toFile())
                .start();
        try {
            Path hlog = out.resolve(FloorResult.HISTOGRAM_LOG);
            awaitTrue(RUN_TIMEOUT, () -> !process.isAlive()
                    || HistogramLogs.intervalsWritten(hlog, Metrics.PUSH_CORRECTED) >= 2, "two floor intervals logged");
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exits by itself").isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).as("128 + SIGTERM").isEqualTo(143);
        RunResult result = ResultFiles.read(out);
        assertThat(result.interrupted()).isTrue();
        assertThat(result.results()).isEmpty();
        assertThat(result.floor()).isNotNull();
        assertThat(result.floor().sent()).isPositive();
        assertThat(result.floor().received()).isPositive();
    }
}
