package io.pushbench.core.record;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

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
    void theIntervalLogIsReadableByHdrHistogramAndSumsToTheTotal(@TempDir Path dir) throws Exception {
        LatencyRecorder a = new LatencyRecorder("a");
        LatencyRecorder b = new LatencyRecorder("b");
        Path file = dir.resolve("run.hlog");
        try (IntervalLog log = new IntervalLog(file, 50, List.of(a, b))) {
            log.start("test");
            for (int i = 1; i <= 1000; i++) {
                a.record(i * 1000L);
                if (i % 2 == 0) {
                    b.record(5_000);
                }
                if (i % 250 == 0) {
                    Thread.sleep(60);
                }
            }
            log.stop();
            assertThat(log.total(a).getTotalCount()).isEqualTo(1000);
            assertThat(log.total(b).getTotalCount()).isEqualTo(500);
        }
        long countA = 0;
        long countB = 0;
        HistogramLogReader reader = new HistogramLogReader(file.toFile());
        Histogram h;
        while ((h = (Histogram) reader.nextIntervalHistogram()) != null) {
            if ("a".equals(h.getTag())) {
                countA += h.getTotalCount();
            } else if ("b".equals(h.getTag())) {
                countB += h.getTotalCount();
            }
        }
        assertThat(countA).isEqualTo(1000);
        assertThat(countB).isEqualTo(500);
    }
}
