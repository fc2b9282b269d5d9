package io.pushbench.server;

import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.Drivers;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.engine.TransportRun;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.testing.HistogramLogs;
import io.pushbench.core.testing.StallEvidence;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * wrk2's demonstration of coordinated omission, in a push setting. The publisher stalls for
 * 500 ms in the middle of a 2 s run at 1000 msg/s. The 500 messages that came due during the
 * stall go out late, in a burst, each stamped with its planned time. Measured from the plan
 * (corrected), they carry their delay; measured from the actual send (uncorrected), the stall is
 * invisible, and a tool measuring that way would report the server as fast throughout.
 *
 * <p>The claims are those that follow from the stall by construction ({@link StallEvidence}):
 * orderings and counts that a loaded machine cannot break, and that break if the correction does.
 */
class CoordinatedOmissionTest {

    private static final long RATE = 1000;
    private static final int SUBSCRIBERS = 2;
    private static final long STALLED_MESSAGE = 1000;
    private static final Duration STALL = Duration.ofMillis(500);

    @Test
    void aStalledPublisherShowsInCorrectedLatencyAndHidesFromUncorrected(@TempDir Path dir) throws Exception {
        RunSpec spec = RunSpec.builder().transports(List.of(Transport.WEBSOCKET)).rate(RATE).subscribers(SUBSCRIBERS)
                .warmup(Duration.ZERO).duration(Duration.ofSeconds(2)).drain(EngineFixture.DRAIN_UNTIL_DELIVERED)
                .build();
        try (ReferenceServer server = ReferenceServer.builder().start();
             TransportDriver driver = Drivers.create(Transport.WEBSOCKET, ClientStack.NETTY, new DriverOptions(1, 0))) {
            TransportResult result = TransportRun.builder().spec(spec).driver(driver)
                    .target(EngineFixture.broadcastTarget(server, Transport.WEBSOCKET))
                    .publisher((sequence, intended) -> {
                        if (sequence == STALLED_MESSAGE) {
                            stall();
                        }
                        server.hub().publishEnvelope(sequence, intended, spec.messageSize());
                    })
                    .resultDir(dir).build().run();

            // How far a late sender got before its grace period ended depends on the machine: not asserted.
            assertThat(result.delivery().lost()).isZero();
            Map<String, Histogram> logged = HistogramLogs.totalsByTag(dir.resolve(result.histogramLog()));
            StallEvidence.assertCorrectedCarriesTheStall(logged.get(Metrics.PUSH_CORRECTED),
                    logged.get(Metrics.PUSH_UNCORRECTED), STALL, RATE, SUBSCRIBERS,
                    result.delivery().sent() - STALLED_MESSAGE);
            // The send after the stalled one was due one interval after the stall began, and went out after it.
            assertThat(logged.get(Metrics.SCHEDULE_LAG).getMaxValue())
                    .isGreaterThanOrEqualTo(STALL.toNanos() - 1_000_000_000L / RATE);
        }
    }

    /** The injected stall: holding the publisher's thread is the behaviour under test, not a wait for something. */
    private static void stall() {
        try {
            Thread.sleep(STALL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
