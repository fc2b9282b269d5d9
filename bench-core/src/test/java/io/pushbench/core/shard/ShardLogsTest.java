package io.pushbench.core.shard;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Merging shards' interval logs gives exactly the histogram of every value they recorded. */
class ShardLogsTest {

    @Test
    void theMergeOfShardLogsIsTheHistogramOfAllRecordedValues(@TempDir Path dir) throws Exception {
        Random random = new Random(42);
        Histogram all = new Histogram(3);
        List<Histogram> intervals = new ArrayList<>();
        for (int shard = 0; shard < 4; shard++) {
            Path log = dir.resolve("shard-" + shard + ".hlog");
            try (PrintStream out = new PrintStream(Files.newOutputStream(log), false, "US-ASCII")) {
                HistogramLogWriter writer = new HistogramLogWriter(out);
                writer.outputLogFormatVersion();
                writer.outputStartTime(1_000_000L + shard);
                writer.setBaseTime(1_000_000L + shard);
                writer.outputLegend();
                for (int second = 0; second < 5; second++) {
                    for (String tag : List.of("rtt-corrected", "connect")) {
                        Histogram interval = new Histogram(3600L * 1_000_000_000L, 3);
                        interval.setTag(tag);
                        interval.setStartTimeStamp(1_000_000L + shard + second * 1000L);
                        interval.setEndTimeStamp(1_000_000L + shard + (second + 1) * 1000L);
                        for (int i = 0; i < 500; i++) {
                            // Long-tailed, as latencies are: most below a millisecond, some near a second.
                            long nanos = (long) (50_000 * Math.exp(random.nextGaussian() * 2));
                            interval.recordValue(nanos);
                            if (tag.equals("rtt-corrected")) {
                                all.recordValue(nanos);
                            }
                        }
                        writer.outputIntervalHistogram(interval);
                    }
                }
            }
            intervals.addAll(ShardLogs.intervals(log));
        }
        Histogram merged = ShardLogs.totals(intervals).get("rtt-corrected");
        assertThat(merged.getTotalCount()).isEqualTo(all.getTotalCount()).isEqualTo(4 * 5 * 500);
        for (double p : new double[] {50, 90, 99, 99.9, 99.99, 100}) {
            assertThat(merged.getValueAtPercentile(p)).as("p%s", p).isEqualTo(all.getValueAtPercentile(p));
        }
        assertThat(merged).isEqualTo(all);

        Path out = dir.resolve("merged.hlog");
        ShardLogs.write(out, intervals, "test");
        List<Histogram> back = ShardLogs.intervals(out);
        assertThat(back).hasSize(intervals.size());
        assertThat(ShardLogs.totals(back).get("rtt-corrected")).isEqualTo(all);
        for (int i = 1; i < back.size(); i++) {
            assertThat(back.get(i).getStartTimeStamp()).isGreaterThanOrEqualTo(back.get(i - 1).getStartTimeStamp());
        }
    }

    @Test
    void aLogCutShortByAKillIsReadUpToItsLastWholeInterval(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("killed.hlog");
        try (PrintStream out = new PrintStream(Files.newOutputStream(log), false, "US-ASCII")) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputStartTime(5000);
            writer.setBaseTime(5000);
            for (int i = 0; i < 3; i++) {
                Histogram h = new Histogram(3);
                h.setTag("rtt-corrected");
                h.setStartTimeStamp(5000 + i * 1000L);
                h.setEndTimeStamp(6000 + i * 1000L);
                h.recordValue(1000 + i);
                writer.outputIntervalHistogram(h);
            }
        }
        String whole = Files.readString(log);
        Files.writeString(log, whole.substring(0, whole.length() - 20));
        assertThat(ShardLogs.intervals(log)).hasSize(2);
    }
}
