package io.pushbench.server;

import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.websocket.NettyWebSocketDriver;
import io.pushbench.core.driver.websocket.NettyWebSocketDriver;
import io.pushbench.core.spec.CapacityMode;
import io.pushbench.core.engine.CapacityRun;
import io.pushbench.core.engine.ScheduledSender;
import io.pushbench.core.engine.SendPlan;
import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.spec.CapacitySpec;
import io.pushbench.core.spec.LoadModel;
import io.pushbench.core.spec.Ramp;
import io.pushbench.core.spec.Slo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passive capacity steps against a server that publishes on its own: plain text is counted with
 * its gaps but has no latency and is no error; envelopes give latency, and a server that skips
 * sequence numbers is seen losing them.
 */
class PassiveCapacityTest {

    @TempDir
    Path dir;

    @Test
    void plainMessagesAreCountedWithoutLatencyOrErrors() throws Exception {
        try (ReferenceServer server = ReferenceServer.builder().start()) {
            CapacityResult result = runPassive(server, (sequence, intended) -> server.hub().publish("tick " + sequence));
            assertThat(result.steps()).hasSize(2).allMatch(CapacityResult.Step::passed);
            for (CapacityResult.Step step : result.steps()) {
                TransportResult r = step.result();
                assertThat(r.delivery().received()).isPositive();
                assertThat(r.delivery().lost()).isZero();
                assertThat(r.errors()).isEmpty();
                assertThat(r.latency().get(Metrics.PUSH_CORRECTED).count()).isZero();
                assertThat(r.latency().get(Metrics.INTER_ARRIVAL).count()).isPositive();
                assertThat(step.held()).isEqualTo(step.connections());
            }
            assertThat(result.steps().get(1).result().latency().get(Metrics.FIRST_MESSAGE).count())
                    .as("the second step's new connections").isEqualTo(3);
            assertThat(result.verdict().summary()).startsWith("capacity: at least 6 connections held");
        }
    }

    @Test
    void envelopesGiveLatencyAndGapsInTheirSequenceAreLost() throws Exception {
        try (ReferenceServer server = ReferenceServer.builder().faults(new BroadcastFaults(50, 0, 0)).start()) {
            CapacityResult result = runPassive(server,
                    (sequence, intended) -> server.hub().publishEnvelope(sequence, intended, 64));
            for (CapacityResult.Step step : result.steps()) {
                TransportResult.Delivery d = step.result().delivery();
                assertThat(step.result().latency().get(Metrics.PUSH_CORRECTED).count()).isEqualTo(d.received());
                // Every 50th envelope is never sent: per connection, one missing in each 50 between its first and last.
                long connections = step.connections();
                assertThat(d.lost()).isBetween(d.received() / 50 - connections, d.received() / 49 + connections);
                assertThat(d.lost()).isPositive();
                assertThat(d.expected()).isEqualTo(d.received() + d.lost());
                assertThat(d.duplicated()).isZero();
            }
        }
    }

    private CapacityResult runPassive(ReferenceServer server, ScheduledSender.Action publish) throws Exception {
        CapacitySpec spec = CapacitySpec.builder()
                .url(URI.create("ws://127.0.0.1:" + server.port() + Paths.WS_BROADCAST))
                .mode(CapacityMode.PASSIVE).rate(null).connections(Ramp.parse("3..6/3"))
                .slo(Slo.parse("errors<1%")).stepWarmup(Duration.ofMillis(200)).stepDuration(Duration.ofSeconds(1))
                .build();
        ScheduledSender publisher = new ScheduledSender("test-publisher",
                new SendPlan(new LoadModel.ConstantRate(500), 0, TimeUnit.SECONDS.toNanos(30)), 0, publish);
        publisher.start(System.nanoTime());
        try (NettyWebSocketDriver driver = new NettyWebSocketDriver(1)) {
            return CapacityRun.builder().spec(spec).driver(driver).target(Target.of(spec.url())).resultDir(dir)
                    .build().run();
        } finally {
            publisher.stop();
            publisher.join();
        }
    }
}
