package io.pushbench.cli;

import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.TransportResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * pubsub (publishing by HTTP POST and by WebSocket frames) and echo, end to end through a
 * reference server in its own process: every message counted once, none lost, latency from
 * envelopes, a rate ramp's steps at their rates. Loose latency limits: the behaviour is under test.
 */
@Timeout(60)
class CapacityModesTest {

    private static ServerProcess server;

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerProcess.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void pubsubThroughAnHttpPublishUrlDeliversEveryMessageToEverySubscriber(@TempDir Path dir) throws Exception {
        CapacityResult result = run(dir, "--mode", "pubsub", "--url", server.base("ws") + "/ws/broadcast",
                "--publish-url", server.base("http") + "/publish", "--connections", "4", "--rate", "50..100/50");
        assertThat(result.steps()).hasSize(2).allMatch(CapacityResult.Step::passed);
        assertThat(result.steps()).extracting(CapacityResult.Step::rate).containsExactly(50.0, 100.0);
        for (CapacityResult.Step step : result.steps()) {
            TransportResult.Delivery d = step.result().delivery();
            assertThat(d.sent()).isEqualTo((long) step.rate());
            assertThat(d.expected()).isEqualTo(4 * d.sent());
            assertThat(d.received()).isEqualTo(d.expected());
            assertThat(d.lost()).isZero();
            assertThat(d.duplicated()).isZero();
            assertThat(step.result().latency().get(Metrics.PUSH_CORRECTED).count()).isEqualTo(d.received());
            assertThat(step.result().errors()).isEmpty();
        }
        assertThat(result.verdict().dimension()).isEqualTo("rate");
        assertThat(result.verdict().summary()).startsWith("capacity: at least 100 msg/s with 4 connections held");
    }

    @Test
    void pubsubThroughAWebSocketPublishUrlIsMeasuredTheSameWay(@TempDir Path dir) throws Exception {
        CapacityResult result = run(dir, "--mode", "pubsub", "--url", server.base("ws") + "/ws/broadcast",
                "--publish-url", server.base("ws") + "/ws/broadcast", "--connections", "3", "--rate", "100");
        CapacityResult.Step step = result.steps().get(0);
        assertThat(step.passed()).isTrue();
        assertThat(step.result().delivery().sent()).isEqualTo(100);
        assertThat(step.result().delivery().received()).isEqualTo(300);
        assertThat(step.result().delivery().lost()).isZero();
    }

    @Test
    void echoReturnsEveryMessageToItsSender(@TempDir Path dir) throws Exception {
        CapacityResult result = run(dir, "--mode", "echo", "--url", server.base("ws") + "/ws/echo",
                "--connections", "5..10/5", "--rate", "200", "-H", "X-Test: capacity");
        assertThat(result.steps()).hasSize(2).allMatch(CapacityResult.Step::passed);
        assertThat(result.steps()).extracting(CapacityResult.Step::held).containsExactly(5, 10);
        for (CapacityResult.Step step : result.steps()) {
            TransportResult.Delivery d = step.result().delivery();
            assertThat(d.sent()).isEqualTo(200);
            assertThat(d.received()).isEqualTo(200);
            assertThat(d.lost()).isZero();
            assertThat(step.result().latency().get(Metrics.RTT_CORRECTED).count()).isEqualTo(200);
        }
        assertThat(result.scenario().headerNames()).containsExactly("X-Test");
        assertThat(result.steps().get(1).result().latency().get(Metrics.CONNECT).count())
                .as("only the 5 connections the second step adds are opened").isEqualTo(5);
    }

    private static CapacityResult run(Path dir, String... options) throws Exception {
        String[] args = new String[options.length + 12];
        System.arraycopy(options, 0, args, 1, options.length);
        args[0] = "capacity";
        System.arraycopy(new String[]{"--step-duration", "1s", "--step-warmup", "200ms", "--slo", "p99<10s",
            "--io-threads", "1", "--out", dir.toString(), "--quiet"}, 0, args, options.length + 1, 11);
        CliTestSupport.Run run = CliTestSupport.run(args);
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("capacity: ").contains("results: ");
        return ResultFiles.readCapacity(dir);
    }
}
