package io.pushbench.cli;

import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.GeneratorFloorResult;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generator floor as a user meets it in {@code compare} and {@code capacity}: measured by
 * default, in {@code result.json}, the summary and the report, skipped with
 * {@code --no-generator-floor}. Counts and presence only, never a CPU threshold.
 */
class GeneratorFloorCommandTest {

    @Test
    void compareMeasuresABareEchoClientAndPrintsTheMultiples(@TempDir Path bench) throws Exception {
        Path dir = bench.resolve("echo");
        CliTestSupport.Run run = CliTestSupport.run("compare", "--workload", "echo", "--transports",
                "websocket,sse-http1", "--rate", "300", "--subscribers", "3", "--size", "32", "--warmup", "300ms",
                "--duration", "1s", "--drain", "2s", "--no-floor", "--out", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("measuring the generator floor: bare WebSocket echo client, 3 connections")
                .contains("gen floor (bare WS)", "gen/floor", "pushbench's generator CPU per round trip");
        assertThat(run.out().lines().filter(l -> l.matches("(websocket|sse-http1) .* \\d+\\.\\dx .*")))
                .as("each transport's latency row gives its generator CPU as a multiple of the floor's").hasSize(2);

        RunResult result = ResultFiles.read(dir);
        GeneratorFloorResult floor = result.generatorFloor();
        assertThat(floor).isNotNull();
        assertThat(floor.client()).isEqualTo(GeneratorFloorResult.WEBSOCKET_ECHO);
        assertThat(floor.connections()).isEqualTo(3);
        assertThat(floor.rate()).isEqualTo(300);
        assertThat(floor.messageSize()).isEqualTo(32);
        assertThat(floor.sent()).isPositive();
        assertThat(floor.received()).isPositive();
        assertThat(floor.clientCpuMillis()).isPositive();
        assertThat(floor.serverCpuMillis()).as("the embedded server's threads are told apart").isPositive();
        assertThat(floor.cpuMicrosPerMessage()).isPositive();
        assertThat(floor.multiples()).containsOnlyKeys("websocket", "sse-http1")
                .allSatisfy((label, multiple) -> assertThat(multiple).isPositive());
        assertThat(dir.resolve("report.html")).content().contains("Generator cost", "bare WebSocket echo client");
        assertThat(LandingPage.write(bench, List.of(new LandingPage.Entry("echo", "echo", null)), List.of()))
                .content().contains("<th>x generator floor</th>", "as a multiple of a bare WebSocket echo client");
    }

    @Test
    void broadcastAgainstARunningServerCountsTheWholeProcessAsTheClient(@TempDir Path dir) throws Exception {
        try (ServerProcess server = ServerProcess.start()) {
            CliTestSupport.Run run = CliTestSupport.run("compare", "--server", server.base("http"), "--transports",
                    "websocket", "--rate", "200", "--subscribers", "3", "--size", "64", "--warmup", "300ms",
                    "--duration", "1s", "--drain", "2s", "--no-floor", "--quiet", "--out", dir.toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("gen floor (bare SSE)", "per delivered message");
            GeneratorFloorResult floor = ResultFiles.read(dir).generatorFloor();
            assertThat(floor.client()).isEqualTo(GeneratorFloorResult.SSE_READER);
            assertThat(floor.sent()).isPositive();
            assertThat(floor.received()).as("every published message reaches each of the three readers")
                    .isGreaterThan(floor.sent());
            assertThat(floor.serverCpuMillis()).isEqualTo(-1);
            assertThat(floor.clientCpuMillis()).isPositive();
            assertThat(floor.multiples()).containsOnlyKeys("websocket");
        }
    }

    @Test
    void noGeneratorFloorSkipsIt(@TempDir Path dir) throws Exception {
        CliTestSupport.Run run = CliTestSupport.run("compare", "--transports", "websocket", "--rate", "200",
                "--subscribers", "2", "--warmup", "200ms", "--duration", "500ms", "--drain", "1s", "--no-floor",
                "--no-generator-floor", "--out", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("generator floor", "gen floor", "gen/floor");
        assertThat(ResultFiles.read(dir).generatorFloor()).isNull();
        assertThat(dir.resolve("report.html")).content().doesNotContain("Generator cost");
    }

    @Test
    void capacityMeasuresAFloorAfterEachWebSocketEchoStep(@TempDir Path dir) throws Exception {
        try (ServerProcess server = ServerProcess.start()) {
            CliTestSupport.Run run = CliTestSupport.run("capacity", "--url", server.base("ws") + "/ws/echo",
                    "--mode", "echo", "--connections", "2", "--rate", "100..200/100", "--size", "32",
                    "--step-warmup", "300ms", "--step-duration", "1s", "--drain", "1s", "--out", dir.toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("measuring the generator floor: bare WebSocket echo client, 2 connections, "
                    + "100 msg/s", "gen/floor", "cpu us/msg");
            CapacityResult result = ResultFiles.readCapacity(dir);
            assertThat(result.steps()).hasSize(2);
            assertThat(result.generatorFloors()).containsOnlyKeys(1, 2);
            for (CapacityResult.Step step : result.steps()) {
                GeneratorFloorResult floor = result.generatorFloorOf(step);
                assertThat(floor.rate()).isEqualTo(step.rate());
                assertThat(floor.connections()).isEqualTo(2);
                assertThat(floor.received()).isPositive();
                assertThat(floor.serverCpuMillis()).isEqualTo(-1);
                assertThat(floor.multiples()).containsOnlyKeys("websocket");
            }
            assertThat(dir.resolve("report.html")).content().contains("generator floor");
        }
    }

    @Test
    void capacityWithoutAServerIsStillOneLineOfError(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        CliTestSupport.Run run = CliTestSupport.run("capacity", "--url", "ws://127.0.0.1:" + port + "/ws/echo",
                "--mode", "echo", "--out", dir.toString());

        CliTestSupport.assertOneLineError(run, "--url", "ws://127.0.0.1:" + port);
        assertThat(run.out()).doesNotContain("measuring the generator floor");
    }
}
