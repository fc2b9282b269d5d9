package io.pushbench.cli;

import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.ResultFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The capacity found is the server's: a reference server in its own process that refuses
 * connections beyond 500 holds the step of 500 connections and breaks at the step of 600.
 * The objective's latency limit is loose on purpose: the limit under test is the server's.
 * The run's report is written at its end, and {@code report DIR} renders it again.
 */
class CapacityRampTest {

    @Test
    @Timeout(60)
    void aConnectionRampFindsTheServersConnectionLimit(@TempDir Path dir) throws Exception {
        try (ServerProcess server = ServerProcess.start("--max-connections", "500")) {
            CliTestSupport.Run run = CliTestSupport.run("capacity", "--url", server.base("ws") + "/ws/echo",
                    "--mode", "echo", "--connections", "100..1000/100", "--rate", "100", "--step-duration", "500ms",
                    "--step-warmup", "0s", "--drain", "1s", "--slo", "p99<10s", "--io-threads", "1",
                    "--out", dir.toString(), "--quiet");

            assertThat(run.exitCode()).as(run.err()).isZero();
            CapacityResult result = ResultFiles.readCapacity(dir);
            assertThat(result.format()).isEqualTo(CapacityResult.FORMAT);
            assertThat(result.steps()).hasSize(6);
            assertThat(result.steps().subList(0, 5)).allSatisfy(step -> {
                assertThat(step.passed()).isTrue();
                assertThat(step.held()).isEqualTo(step.connections());
                assertThat(step.result().delivery().lost()).isZero();
            });
            CapacityResult.Step broken = result.steps().get(5);
            assertThat(broken.connections()).isEqualTo(600);
            assertThat(broken.held()).isEqualTo(500);
            assertThat(broken.passed()).isFalse();
            assertThat(broken.result().errors()).containsEntry("http-status:503", 100L);
            assertThat(broken.violations()).containsExactly("errors 16.7% >= 1%");

            CapacityResult.Verdict verdict = result.verdict();
            assertThat(verdict.dimension()).isEqualTo("connections");
            assertThat(verdict.heldStep()).isEqualTo(5);
            assertThat(verdict.capacity()).isEqualTo(500);
            assertThat(verdict.brokenStep()).isEqualTo(6);
            assertThat(run.out()).contains("capacity: 500 connections at 100 msg/s held")
                    .contains("broke at 600 connections");
            for (int step = 1; step <= 6; step++) {
                assertThat(dir.resolve(ResultFiles.stepLogName(step))).isNotEmptyFile();
            }
            assertThat(Files.readString(dir.resolve(ResultFiles.RESULT_JSON))).doesNotContain("Exception");

            // The report of the run, written at its end: the curve up to the step that broke.
            Path page = dir.toAbsolutePath().resolve("report.html");
            assertThat(run.out()).contains("report: " + page + System.lineSeparator());
            assertThat(Files.readString(page)).contains("<h1>pushbench capacity: " + server.base("ws") + "/ws/echo",
                    "alt=\"Latency and errors by load step\"", "broke: errors 16.7% &gt;= 1%",
                    "href=\"step-06.hlog\"");
            Files.delete(page);
            CliTestSupport.Run report = CliTestSupport.run("report", dir.toString());
            assertThat(report.exitCode()).as(report.err()).isZero();
            assertThat(report.out()).isEqualTo(page + System.lineSeparator());
            assertThat(page).isRegularFile();
            CliTestSupport.Run baseline = CliTestSupport.run("report", dir.toString(), "--baseline", dir.toString());
            assertThat(baseline.exitCode()).isEqualTo(PushBench.EXIT_FAILURE);
            assertThat(baseline.err().lines()).singleElement().asString()
                    .startsWith("pushbench: ").contains("a capacity result");
        }
    }
}
