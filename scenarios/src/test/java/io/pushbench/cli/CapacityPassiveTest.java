package io.pushbench.cli;

import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.TransportResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passive mode against {@code pushbench serve --rate 200} in its own process: pushbench only
 * listens, and measures the server's stream (its messages carry envelopes, so latency too).
 */
class CapacityPassiveTest {

    @Test
    @Timeout(60)
    void aServerThatPublishesOnItsOwnIsMeasuredPerConnection(@TempDir Path dir) throws Exception {
        try (ServerProcess server = ServerProcess.start("--rate", "200", "--size", "64")) {
            CliTestSupport.Run run = CliTestSupport.run("capacity", "--mode", "passive", "--url",
                    server.base("ws") + "/ws/broadcast", "--connections", "4..8/4", "--step-duration", "1s",
                    "--step-warmup", "200ms", "--slo", "p99<10s,gap-p99<10s", "--io-threads", "1",
                    "--out", dir.toString());

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(run.out()).contains("step 1/2").contains("msg/s").contains("capacity: at least 8 connections held");
            CapacityResult result = ResultFiles.readCapacity(dir);
            assertThat(result.steps()).hasSize(2).allMatch(CapacityResult.Step::passed);
            for (CapacityResult.Step step : result.steps()) {
                TransportResult r = step.result();
                assertThat(step.rate()).isZero();
                assertThat(r.delivery().sent()).isZero();
                assertThat(r.delivery().received()).isPositive();
                assertThat(r.delivery().lost()).isZero();
                assertThat(r.delivery().duplicated()).isZero();
                assertThat(r.errors()).isEmpty();
                assertThat(r.latency().get(Metrics.PUSH_CORRECTED).count()).isEqualTo(r.delivery().received());
                assertThat(r.latency().get(Metrics.INTER_ARRIVAL).count()).isPositive();
                assertThat(r.latency()).containsKey(Metrics.FIRST_MESSAGE);
            }
            assertThat(result.steps().get(1).result().latency().get(Metrics.FIRST_MESSAGE).count())
                    .as("the four connections the second step adds").isEqualTo(4);
        }
    }
}
