package io.pushbench.cli;

import io.pushbench.core.record.IntervalLog;
import io.pushbench.core.result.Metrics;
import org.HdrHistogram.Histogram;

import java.io.PrintWriter;
import java.util.Map;

/** Prints one line per logged interval: messages received and the interval's corrected p50/p99. */
final class ProgressPrinter implements IntervalLog.IntervalListener {

    private final PrintWriter out;
    private final String label;
    private int seconds;

    ProgressPrinter(PrintWriter out, String label) {
        this.out = out;
        this.label = label;
    }

    @Override
    public void onInterval(Map<String, Histogram> intervals) {
        seconds++;
        Histogram latency = intervals.getOrDefault(Metrics.PUSH_CORRECTED, intervals.get(Metrics.RTT_CORRECTED));
        if (latency == null || latency.getTotalCount() == 0) {
            out.printf("  %-12s %4ds  connecting / warming up%n", label, seconds);
            return;
        }
        out.printf("  %-12s %4ds  %8d msg/s  p50 %8.3f ms  p99 %8.3f ms%n", label, seconds,
                latency.getTotalCount(), latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6);
    }
}
