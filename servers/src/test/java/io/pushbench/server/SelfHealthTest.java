package io.pushbench.server;

import io.pushbench.core.driver.websocket.NettyWebSocketDriver;
import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.engine.SaturationCheck;
import io.pushbench.core.engine.TransportRun;
import io.pushbench.core.envelope.Envelope;
import io.pushbench.core.envelope.EnvelopeCodec;
import io.pushbench.core.result.Environment;
import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.RunResult;
import io.pushbench.core.result.SelfHealth;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.driver.websocket.NettyWebSocketDriver;
import io.pushbench.core.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The run checks itself with the real probes over real sockets: a light run is never flagged, a
 * generator that cannot keep its schedule or cannot read what arrives is, and the reasons say
 * which.
 */
class SelfHealthTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"WEBSOCKET", "SSE_HTTP1", "SSE_HTTP2", "LONG_POLLING"})
    void anIdleRunIsNeverFlagged(Transport transport) throws Exception {
        RunSpec spec = RunSpec.builder().transports(List.of(transport)).rate(100).subscribers(10)
                .warmup(Duration.ofMillis(500)).duration(Duration.ofSeconds(2)).build();
        try (ReferenceServer server = ReferenceServer.builder().start()) {
            TransportResult result = EngineFixture.broadcast(server, spec, dir);

            SelfHealth health = result.selfHealth();
            if (!health.reasons().isEmpty()) {
                // The premise: the machine ran this process. One that held it back for longer than the check warns
                // about (other builds on the same cores) can make any run fall behind, and says so in its warnings.
                assumeTrue(health.platformStalls().share() * 100 <= SaturationCheck.HIGH_STALL_PERCENT,
                        () -> "the machine stalled this process too long to judge: " + health.warnings()
                                + "; flagged: " + health.reasons());
            }
            assertThat(health.reasons()).isEmpty();
            assertThat(health.saturated()).isFalse();
            // What was seen is still reported, each apart.
            assertThat(health.platformStalls().baselineMicros()).isPositive();
            assertThat(result.latency().get(Metrics.HICCUP).count()).isPositive();
            assertThat(result.latency().get(Metrics.IO_LAG).count()).as("the Netty client's loops are probed")
                    .isPositive();
            assertThat(health.jvmPauses()).isNotNull();
            assertThat(health.clampedValues()).isZero();
        }
    }

    /**
     * A latency above the histograms' range (one hour) is recorded as one hour; each one is counted, and
     * the count reaches the self-check (a warning, the figure in the result) and {@code result.json}.
     * The publisher stamps every message as sent two hours ago, so each uncorrected latency is clamped
     * and no corrected one is.
     */
    @Test
    void clampedValuesReachTheSelfCheckAndResultJson() throws Exception {
        RunSpec spec = RunSpec.builder().transports(List.of(Transport.WEBSOCKET)).rate(100).subscribers(2)
                .warmup(Duration.ZERO).duration(Duration.ofSeconds(1)).drain(EngineFixture.DRAIN_UNTIL_DELIVERED)
                .build();
        long twoHours = TimeUnit.HOURS.toNanos(2);
        try (ReferenceServer server = ReferenceServer.builder().start();
             NettyWebSocketDriver driver = new NettyWebSocketDriver(1)) {
            TransportResult result = TransportRun.builder().spec(spec).driver(driver)
                    .target(EngineFixture.broadcastTarget(server, Transport.WEBSOCKET))
                    .publisher((seq, intended) -> server.hub().publish(EnvelopeCodec.encode(
                            new Envelope(seq, intended, System.nanoTime() - twoHours), spec.messageSize())))
                    .resultDir(dir).build().run();

            long recorded = result.latency().get(Metrics.PUSH_UNCORRECTED).count();
            assertThat(recorded).as("messages measured").isPositive();
            SelfHealth health = result.selfHealth();
            assertThat(health.clampedValues()).as("every uncorrected latency, and nothing else").isEqualTo(recorded);
            assertThat(health.warnings()).anySatisfy(w -> assertThat(w)
                    .startsWith(recorded + " values above the histograms' range (one hour)"));

            ResultFiles.write(dir, new RunResult(RunResult.FORMAT, "2026-01-01T00:00:00Z", "2026-01-01T00:00:02Z",
                    false, spec, Environment.capture(Environment.MONOTONIC_ONE_HOST), List.of(result)));
            SelfHealth read = ResultFiles.read(dir).results().get(0).selfHealth();
            assertThat(read.clampedValues()).isEqualTo(recorded);
            assertThat(read.warnings()).isEqualTo(health.warnings());
        }
    }

    @Test
    void aStarvedGeneratorIsFlaggedForFallingBehindItsPlan() throws Exception {
        RunSpec spec = RunSpec.builder().transports(List.of(Transport.WEBSOCKET)).rate(1000).subscribers(2)
                .warmup(Duration.ZERO).duration(Duration.ofSeconds(1)).drain(Duration.ofMillis(500)).build();
        try (ReferenceServer server = ReferenceServer.builder().start();
             NettyWebSocketDriver driver = new NettyWebSocketDriver(1)) {
            // Each publish blocks for 2 ms: the generator can offer at most 500 msg/s of the 1000 asked for.
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
            assertThat(health.reasons()).anySatisfy(r -> assertThat(r).startsWith("fell behind its plan")
                    .contains("never sent"));
            assertThat(health.reasons()).anySatisfy(r -> assertThat(r).startsWith("fell behind its plan")
                    .contains("schedule lag p90"));
            // By construction, not a timing: the n-th send can go out no sooner than n * 2 ms, though planned at n * 1 ms,
            // so the sends of the last 1% of the second are at least ~990 ms late; load only adds to that.
            assertThat(result.latency().get(Metrics.SCHEDULE_LAG).p99()).as("µs").isGreaterThan(100_000);
        }
    }

    @Test
    void aGeneratorWhoseReadsAreHeldUpIsFlaggedForNotReadingWhatArrived() throws Exception {
        RunSpec spec = RunSpec.builder().transports(List.of(Transport.WEBSOCKET)).rate(200).subscribers(2)
                .warmup(Duration.ZERO).duration(Duration.ofSeconds(1)).build();
        try (ReferenceServer server = ReferenceServer.builder().start();
             NettyWebSocketDriver driver = new NettyWebSocketDriver(1)) {
            // Every publish (every 5 ms) gives the client's I/O thread 10 ms of work: its backlog grows all run
            // long, while the sends stay on time.
            TransportResult result = TransportRun.builder().spec(spec).driver(driver)
                    .target(EngineFixture.broadcastTarget(server, Transport.WEBSOCKET))
                    .publisher((seq, intended) -> {
                        for (ScheduledExecutorService loop : driver.ioLoops()) {
                            loop.execute(() -> sleepMillis(10));
                        }
                        server.hub().publishEnvelope(seq, intended, spec.messageSize());
                    })
                    .resultDir(dir).build().run();

            SelfHealth health = result.selfHealth();
            assertThat(health.saturated()).isTrue();
            assertThat(health.reasons()).anySatisfy(r -> assertThat(r).startsWith("could not read what arrived")
                    .contains("event-loop lag p90"));
        }
    }

    @Test
    void aHealthyRunReportsCpuPerMessageAndFanOutSpread() throws Exception {
        RunSpec spec = RunSpec.builder().transports(List.of(Transport.WEBSOCKET)).rate(500).subscribers(5)
                .warmup(Duration.ofMillis(200)).duration(Duration.ofSeconds(1))
                .drain(EngineFixture.DRAIN_UNTIL_DELIVERED).build();
        try (ReferenceServer server = ReferenceServer.builder().start()) {
            TransportResult result = EngineFixture.broadcast(server, spec, dir);
            SelfHealth health = result.selfHealth();
            // Whether a loaded machine let the generator keep up is its speed; what is asserted is the accounting.
            assertThat(result.delivery().sent() + health.unsentMessages()).as("sent or reported unsent").isEqualTo(500);
            assertThat(health.processCpuMillis()).isPositive();
            assertThat(health.generatorCpuMicrosPerMessage()).isPositive();
            assertThat(health.serverCpuMillis()).as("no server CPU reader was given").isEqualTo(-1);
            LatencySummary spread = result.latency().get(Metrics.FAN_OUT_SPREAD);
            assertThat(spread.count()).isEqualTo(result.delivery().sent());
        }
    }

    /** The slow publisher: holding the sender's thread is the behaviour under test, not a wait for something. */
    private static void sleepMillis(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
