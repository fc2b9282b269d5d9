package io.pushbench.server;

import io.pushbench.core.engine.RunSpec;
import io.pushbench.core.engine.SaturationCheck;
import io.pushbench.core.engine.TransportRun;
import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.SelfHealth;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.driver.websocket.NettyWebSocketDriver;
import io.pushbench.core.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The run checks itself: a generator that cannot keep its schedule marks the run saturated, and says why. */
class SelfHealthTest {

    @TempDir
    Path dir;

    @Test
    void aStarvedGeneratorMarksTheRunSaturatedWithItsReasons() throws Exception {
        RunSpec spec = RunSpec.builder().transports(List.of(Transport.WEBSOCKET)).rate(1000).subscribers(2)
                .warmup(Duration.ZERO).duration(Duration.ofSeconds(1)).drain(Duration.ofMillis(500)).build();
        try (ReferenceServer server = ReferenceServer.builder().start();
             NettyWebSocketDriver driver = new NettyWebSocketDriver(1)) {
            // Each publish costs 2 ms: the generator can offer at most 500 msg/s of the 1000 asked for.
            TransportResult result = TransportRun.builder().spec(spec).driver(driver)
                    .target(EngineFixture.broadcastTarget(server, Transport.WEBSOCKET))
                    .publisher((seq, intended) -> {
                        sleepMillis(2);
                        server.hub().publishEnvelope(seq, intended, spec.messageSize());
                    })
                    .resultDir(dir).build().run();

            SelfHealth health = result.selfHealth();
            assertThat(health.saturated()).isTrue();
            assertThat(health.unsentMessages()).isPositive();
            assertThat(health.reasons()).anySatisfy(r -> assertThat(r).contains("never sent"));
            assertThat(health.reasons()).anySatisfy(r -> assertThat(r).contains("schedule lag p99"));
            assertThat(result.latency().get(Metrics.SCHEDULE_LAG).p99()).isGreaterThan(100_000);
        }
    }

    @Test
    void aHealthyRunReportsCpuPerMessageAndFanOutSpread() throws Exception {
        RunSpec spec = RunSpec.builder().transports(List.of(Transport.WEBSOCKET)).rate(500).subscribers(5)
                .warmup(Duration.ofMillis(200)).duration(Duration.ofSeconds(1)).build();
        try (ReferenceServer server = ReferenceServer.builder().start()) {
            TransportResult result = EngineFixture.broadcast(server, spec, dir);
            SelfHealth health = result.selfHealth();
            assertThat(health.unsentMessages()).isZero();
            assertThat(health.processCpuMillis()).isPositive();
            assertThat(health.generatorCpuMicrosPerMessage()).isPositive();
            assertThat(health.serverCpuMillis()).as("no server CPU reader was given").isEqualTo(-1);
            LatencySummary spread = result.latency().get(Metrics.FAN_OUT_SPREAD);
            assertThat(spread.count()).isEqualTo(result.delivery().sent());
            assertThat(result.latency().get(Metrics.JVM_PAUSE).count()).isPositive();
        }
    }

    @Test
    void theChecksNameEachFigureAndItsThreshold() {
        LatencySummary lag = new LatencySummary(100, 1000, 2000, 6000, 9000, 9000, 1500);
        List<String> reasons = SaturationCheck.reasons(3, lag, TimeUnit.MILLISECONDS.toNanos(60),
                TimeUnit.SECONDS.toNanos(1), 0.95);
        assertThat(reasons).containsExactly(
                "3 planned messages were never sent: the generator fell behind its schedule",
                "schedule lag p99 6.0 ms > 5 ms: sends went out late",
                "JVM paused 6.0% of the measured time > 5%",
                "the process used 95% of all CPUs > 90%");
        assertThat(SaturationCheck.reasons(0, new LatencySummary(100, 50, 60, 4000, 9000, 9000, 60), 0,
                TimeUnit.SECONDS.toNanos(1), 0.5)).isEmpty();
    }

    private static void sleepMillis(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
