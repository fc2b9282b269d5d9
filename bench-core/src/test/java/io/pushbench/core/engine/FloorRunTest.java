package io.pushbench.core.engine;

import io.pushbench.core.result.FloorResult;
import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.spec.LoadModel;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The raw TCP floor on real loopback sockets. */
class FloorRunTest {

    private static final ScheduledSender.Action NO_STALL = (sequence, intended) -> { };

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

        Map<String, Long> logged = new HashMap<>();
        HistogramLogReader reader = new HistogramLogReader(dir.resolve(floor.histogramLog()).toFile());
        Histogram interval;
        while ((interval = (Histogram) reader.nextIntervalHistogram()) != null) {
            logged.merge(interval.getTag(), interval.getTotalCount(), Long::sum);
        }
        assertThat(logged).containsEntry(Metrics.PUSH_CORRECTED, 1000L).containsEntry(Metrics.RTT_CORRECTED, 1000L)
                .containsKey(Metrics.SCHEDULE_LAG);
    }

    @Test
    void aStalledSenderShowsInCorrectedLatencyAndHidesFromUncorrected(@TempDir Path dir) throws Exception {
        FloorResult floor = new FloorRun(new LoadModel.ConstantRate(1000), 64, Duration.ZERO, Duration.ofSeconds(1),
                Duration.ofSeconds(2), (sequence, intended) -> {
                    if (sequence == 500) {
                        stall(300);
                    }
                }).run(dir);

        assertThat(floor.received()).isEqualTo(floor.sent()).isEqualTo(1000);
        for (String[] metrics : new String[][] {{Metrics.PUSH_CORRECTED, Metrics.PUSH_UNCORRECTED},
                {Metrics.RTT_CORRECTED, Metrics.RTT_UNCORRECTED}}) {
            // ~300 of the 1000 messages came due during the stall and waited up to 300 ms.
            assertThat(floor.latency().get(metrics[0]).p99()).as(metrics[0] + " p99, µs").isGreaterThan(200_000.0);
            assertThat(floor.latency().get(metrics[1]).p99()).as(metrics[1] + " p99, µs").isLessThan(100_000.0);
        }
        assertThat(floor.latency().get(Metrics.SCHEDULE_LAG).max()).isGreaterThan(250_000.0);
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

    private static void stall(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
