package io.pushbench.core.engine;

import io.pushbench.core.result.FloorResult;
import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.spec.LoadModel;
import io.pushbench.core.testing.HistogramLogs;
import io.pushbench.core.testing.StallEvidence;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The raw TCP floor on real loopback sockets. */
class FloorRunTest {

    private static final ScheduledSender.Action NO_STALL = (sequence, intended) -> { };
    private static final long RATE = 1000;
    private static final Duration STALL = Duration.ofMillis(300);
    private static final long STALLED_MESSAGE = 500;

    @Test
    void everyMeasuredMessageMakesTheTripOnceAndIsRecordedBothWays(@TempDir Path dir) throws Exception {
        FloorResult floor = new FloorRun(new LoadModel.ConstantRate(1000), 256, Duration.ofMillis(200),
                Duration.ofSeconds(1), Duration.ofSeconds(2), NO_STALL).run(dir);

        assertThat(floor.sent()).isEqualTo(1000);
        assertThat(floor.received()).isEqualTo(floor.sent());
        assertThat(floor.messageSize()).isEqualTo(256);
        LatencySummary oneWay = floor.latency().get(Metrics.PUSH_CORRECTED);
        LatencySummary roundTrip = floor.latency().get(Metrics.RTT_CORRECTED);
        assertThat(oneWay.count()).as("one-way: none negative, none missing").isEqualTo(1000);
        assertThat(roundTrip.count()).isEqualTo(1000);
        assertThat(floor.latency().get(Metrics.PUSH_UNCORRECTED).count()).isEqualTo(1000);
        assertThat(floor.latency().get(Metrics.RTT_UNCORRECTED).count()).isEqualTo(1000);
        assertThat(oneWay.p50()).isPositive();
        // Each message's one-way trip is a part of its round trip, so every percentile is too.
        assertThat(oneWay.p50()).isLessThanOrEqualTo(roundTrip.p50());
        assertThat(oneWay.max()).isLessThanOrEqualTo(roundTrip.max());

        Map<String, Histogram> logged = HistogramLogs.totalsByTag(dir.resolve(floor.histogramLog()));
        assertThat(logged.get(Metrics.PUSH_CORRECTED).getTotalCount()).isEqualTo(1000);
        assertThat(logged.get(Metrics.RTT_CORRECTED).getTotalCount()).isEqualTo(1000);
        assertThat(logged).containsKey(Metrics.SCHEDULE_LAG);
    }

    @Test
    void aStalledSenderShowsInCorrectedLatencyAndHidesFromUncorrected(@TempDir Path dir) throws Exception {
        FloorResult floor = new FloorRun(new LoadModel.ConstantRate(RATE), 64, Duration.ZERO, Duration.ofSeconds(1),
                Duration.ofSeconds(2), (sequence, intended) -> {
                    if (sequence == STALLED_MESSAGE) {
                        stall(STALL);
                    }
                }).run(dir);

        // How far a late sender got before its grace period ended depends on the machine: not asserted.
        assertThat(floor.received()).isEqualTo(floor.sent());
        long sentFromStall = floor.sent() - STALLED_MESSAGE;
        Map<String, Histogram> logged = HistogramLogs.totalsByTag(dir.resolve(floor.histogramLog()));
        StallEvidence.assertCorrectedCarriesTheStall(logged.get(Metrics.PUSH_CORRECTED),
                logged.get(Metrics.PUSH_UNCORRECTED), STALL, RATE, 1, sentFromStall);
        StallEvidence.assertCorrectedCarriesTheStall(logged.get(Metrics.RTT_CORRECTED),
                logged.get(Metrics.RTT_UNCORRECTED), STALL, RATE, 1, sentFromStall);
        // The send after the stalled one was due one interval after it began, and went out after it ended.
        assertThat(logged.get(Metrics.SCHEDULE_LAG).getMaxValue())
                .isGreaterThanOrEqualTo(STALL.toNanos() - TimeUnit.SECONDS.toNanos(1) / RATE);
        assertThat(floor.saturation()).as("a floor whose sender fell behind says so")
                .anySatisfy(reason -> assertThat(reason).contains("schedule lag"));
    }

    @Test
    void aMessageSmallerThanItsStampsIsSentAtTheStampsSize(@TempDir Path dir) throws Exception {
        FloorResult floor = new FloorRun(new LoadModel.ConstantRate(1000), 1, Duration.ZERO, Duration.ofMillis(200),
                Duration.ofSeconds(2), NO_STALL).run(dir);

        assertThat(floor.messageSize()).isEqualTo(FloorRun.HEADER_BYTES);
        assertThat(floor.received()).isEqualTo(floor.sent()).isEqualTo(200);
    }

    /** The injected stall: holding the sender's thread is the behaviour under test, not a wait for something. */
    private static void stall(Duration stall) {
        try {
            Thread.sleep(stall.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
