package io.pushbench.core.record;

import io.pushbench.core.testing.HistogramLogs;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.pushbench.core.testing.Await.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

class LatencyRecorderTest {

    @Test
    void negativeValuesAreCountedNotRecorded() {
        LatencyRecorder r = new LatencyRecorder("x");
        r.record(-5);
        r.record(1_000);
        Histogram h = r.intervalHistogram(null);
        assertThat(h.getTotalCount()).isEqualTo(1);
        assertThat(r.negativeCount()).isEqualTo(1);
    }

    @Test
    void valuesAboveTheRangeAreClampedAndCounted() {
        LatencyRecorder r = new LatencyRecorder("x");
        r.record(LatencyRecorder.HIGHEST_TRACKABLE_NANOS * 2);
        Histogram h = r.intervalHistogram(null);
        assertThat(h.getTotalCount()).isEqualTo(1);
        assertThat(h.getMaxValue()).isGreaterThanOrEqualTo((long) (LatencyRecorder.HIGHEST_TRACKABLE_NANOS * 0.999));
        assertThat(r.clampedCount()).isEqualTo(1);
    }

    @Test
    void valuesFromEventLoopsAndOtherThreadsAddUpInEachIntervalAndOnlyThere() throws Exception {
        LatencyRecorder r = new LatencyRecorder("x");
        EventExecutor loopA = new DefaultEventExecutor();
        EventExecutor loopB = new DefaultEventExecutor();
        try {
            loopA.submit(() -> {
                for (int i = 1; i <= 1000; i++) {
                    r.record(i * 1_000L);
                }
            }).get();
            loopB.submit(() -> r.record(5_000_000L)).get();
            r.record(7L);
            long before = System.currentTimeMillis();
            Histogram first = r.intervalHistogram(null);
            assertThat(first.getTotalCount()).isEqualTo(1002);
            assertThat(first.getMaxValue()).isEqualTo(first.highestEquivalentValue(5_000_000L));
            assertThat(first.getMinValue()).isEqualTo(7L);
            assertThat(first.getEndTimeStamp()).isGreaterThanOrEqualTo(before);

            loopA.submit(() -> r.record(42_000L)).get();
            Histogram second = r.intervalHistogram(first);
            assertThat(second).isSameAs(first);
            assertThat(second.getTotalCount()).as("only what came after the first interval").isEqualTo(1);
            assertThat(second.getStartTimeStamp()).isGreaterThanOrEqualTo(before);
        } finally {
            loopA.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).sync();
            loopB.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void theIntervalLogIsReadableByHdrHistogramAndSumsToTheTotal(@TempDir Path dir) throws Exception {
        LatencyRecorder a = new LatencyRecorder("a");
        LatencyRecorder b = new LatencyRecorder("b");
        Path file = dir.resolve("run.hlog");
        AtomicInteger written = new AtomicInteger();
        try (IntervalLog log = new IntervalLog(file, 50, List.of(a, b))) {
            log.addListener(intervals -> written.incrementAndGet());
            log.start("test");
            for (int i = 1; i <= 1000; i++) {
                a.record(i * 1000L);
                if (i % 2 == 0) {
                    b.record(5_000);
                }
                if (i % 250 == 0) {
                    // Spread the values over several intervals: the next batch goes in after one was written.
                    int before = written.get();
                    awaitTrue(() -> written.get() > before, "an interval written after value " + i);
                }
            }
            log.stop();
            assertThat(log.total(a).getTotalCount()).isEqualTo(1000);
            assertThat(log.total(b).getTotalCount()).isEqualTo(500);
        }
        assertThat(written.get()).as("intervals written").isGreaterThanOrEqualTo(4);
        Map<String, Histogram> logged = HistogramLogs.totalsByTag(file);
        assertThat(logged.get("a").getTotalCount()).isEqualTo(1000);
        assertThat(logged.get("b").getTotalCount()).isEqualTo(500);
    }
}
