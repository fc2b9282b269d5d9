package io.pushbench.server;

import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.websocket.NettyWebSocketDriver;
import io.pushbench.core.engine.RunSpec;
import io.pushbench.core.engine.TransportRun;
import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * wrk2's demonstration of coordinated omission, in a push setting. The publisher stalls for
 * 500 ms in the middle of a 2 s run at 1000 msg/s. The ~500 messages that came due during the
 * stall go out late, in a burst, each stamped with its planned time. Measured from the plan
 * (corrected), they carry their delay: about a quarter of the run's messages waited 0-500 ms, so
 * the p99 is in the hundreds of milliseconds. Measured from the actual send (uncorrected), the
 * stall is invisible: the burst is delivered quickly, and a tool measuring that way would report
 * the server as fast throughout.
 */
class CoordinatedOmissionTest {

    @Test
    void aStalledPublisherShowsInCorrectedLatencyAndHidesFromUncorrected(@TempDir Path dir) throws Exception {
        RunSpec spec = RunSpec.builder().transports(List.of(Transport.WEBSOCKET)).rate(1000).subscribers(2)
                .warmup(Duration.ZERO).duration(Duration.ofSeconds(2)).build();
        try (ReferenceServer server = ReferenceServer.builder().start();
             NettyWebSocketDriver driver = new NettyWebSocketDriver(1)) {
            TransportResult result = TransportRun.builder().spec(spec).driver(driver)
                    .target(Target.of(URI.create("ws://127.0.0.1:" + server.port() + Paths.WS_BROADCAST)))
                    .publisher((sequence, intended) -> {
                        if (sequence == 1000) {
                            stall(500);
                        }
                        server.hub().publishEnvelope(sequence, intended, spec.messageSize());
                    })
                    .resultDir(dir).build().run();

            assertThat(result.delivery().lost()).isZero();
            LatencySummary corrected = result.latency().get(Metrics.PUSH_CORRECTED);
            LatencySummary uncorrected = result.latency().get(Metrics.PUSH_UNCORRECTED);
            assertThat(corrected.p99()).as("corrected p99, µs").isBetween(300_000.0, 700_000.0);
            assertThat(corrected.max()).as("corrected max, µs").isGreaterThan(450_000.0);
            assertThat(uncorrected.p99()).as("uncorrected p99, µs").isLessThan(100_000.0);
            assertThat(result.latency().get(Metrics.SCHEDULE_LAG).max()).isGreaterThan(450_000.0);
        }
    }

    private static void stall(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
