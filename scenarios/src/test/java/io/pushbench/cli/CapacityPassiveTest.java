package io.pushbench.cli;

import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.websocket.NettyWebSocketDriver;
import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.TransportResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passive mode against a reference server in its own process: pushbench only listens. With
 * {@code serve --rate 200} the server's messages carry envelopes, so latency is measured too; with
 * plain chat messages only rates and gaps are, and the output says why there is no latency.
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

    @Test
    @Timeout(60)
    void messagesWithoutEnvelopesAreCountedAndTheMissingLatencyIsSaid(@TempDir Path dir) throws Exception {
        try (ServerProcess server = ServerProcess.start();
             NettyWebSocketDriver chatter = new NettyWebSocketDriver(1)) {
            // A chat room: what one client sends on /ws/broadcast goes to every subscriber, as plain text.
            PushConnection speaker = chatter.connect(Target.of(URI.create(server.base("ws") + "/ws/broadcast")),
                    (connection, payload, receivedNanos) -> {
                    }).get(10, TimeUnit.SECONDS);
            ScheduledExecutorService talk = Executors.newSingleThreadScheduledExecutor();
            talk.scheduleAtFixedRate(() -> speaker.send("{\"from\":\"bob\",\"text\":\"hello\"}"), 0, 10,
                    TimeUnit.MILLISECONDS);
            try {
                CliTestSupport.Run run = CliTestSupport.run("capacity", "--mode", "passive", "--url",
                        server.base("ws") + "/ws/broadcast", "--connections", "3", "--step-duration", "1s",
                        "--step-warmup", "200ms", "--io-threads", "1", "--out", dir.toString());
                assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
                assertThat(run.out()).contains("no latency (the server's messages carry no pushbench envelope)");
                TransportResult r = ResultFiles.readCapacity(dir).steps().get(0).result();
                assertThat(r.delivery().received()).isPositive();
                assertThat(r.errors()).as("plain messages are no error in passive mode").isEmpty();
                assertThat(r.latency().get(Metrics.PUSH_CORRECTED).count()).isZero();
                assertThat(r.latency().get(Metrics.INTER_ARRIVAL).count()).isPositive();
            } finally {
                talk.shutdownNow();
            }
        }
    }
}
