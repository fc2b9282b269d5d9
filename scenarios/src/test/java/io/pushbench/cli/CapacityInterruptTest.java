package io.pushbench.cli;

import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.ResultFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.pushbench.core.testing.Await.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM (what Ctrl-C and {@code kill} send) stops a capacity run; the steps it completed are kept
 * and judged, and the report is written from them.
 */
class CapacityInterruptTest {

    @Test
    @Timeout(60)
    void sigtermKeepsTheCompletedStepsMarkedInterrupted(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        try (ServerProcess server = ServerProcess.start()) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), PushBench.class.getName(), "capacity", "--mode", "echo",
                    "--url", server.base("ws") + "/ws/echo", "--connections", "5..100/5", "--rate", "100",
                    "--step-duration", "1s", "--step-warmup", "0s", "--slo", "p99<10s", "--out", out.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("console.txt").toFile())
                    .start();
            try {
                // result.json is written after each step: wait for the first.
                awaitTrue(Duration.ofSeconds(60), () -> !process.isAlive()
                        || Files.exists(out.resolve(ResultFiles.RESULT_JSON)), "the first step's result.json");
                process.destroy(); // SIGTERM
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exits by itself").isTrue();
            } finally {
                process.destroyForcibly();
            }
            assertThat(process.exitValue()).as("128 + SIGTERM").isEqualTo(143);
        }
        CapacityResult result = ResultFiles.readCapacity(out);
        assertThat(result.interrupted()).isTrue();
        assertThat(result.steps()).isNotEmpty().hasSizeLessThan(20).allMatch(CapacityResult.Step::passed);
        assertThat(result.verdict().brokenStep()).isZero();
        assertThat(result.verdict().summary()).endsWith("interrupted before a step broke");
        List<String> console = Files.readAllLines(dir.resolve("console.txt"));
        assertThat(console).anySatisfy(line -> assertThat(line).startsWith("interrupted"))
                .anySatisfy(line -> assertThat(line).startsWith("capacity: "))
                .contains("report: " + out.toAbsolutePath().resolve("report.html"));
        assertThat(Files.readString(out.resolve("report.html"))).contains("This run was interrupted");
    }
}
