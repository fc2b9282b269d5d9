package io.pushbench.report;

import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.spec.Workload;
import org.HdrHistogram.Histogram;

import java.util.List;

/**
 * One transport's figures as a report needs them: its entry in {@code result.json} and its
 * histogram log, if it has one.
 *
 * @param result the transport's entry in {@code result.json}
 * @param log    its histogram log, or {@code null} when the entry names none
 */
record TransportStats(TransportResult result, HistogramLog log) {

    /** The label a reader sees, e.g. {@code websocket} or {@code websocket/okhttp}. */
    String label() {
        return result.label();
    }

    /** Whether the latency is round trip (echo) rather than one-way push. */
    boolean roundTrip() {
        return result.workload() == Workload.ECHO;
    }

    /** What the latency of these transports is called: push or round trip (or just latency, if mixed). */
    static String latencyName(List<TransportStats> transports) {
        boolean anyPush = transports.stream().anyMatch(t -> !t.roundTrip());
        boolean anyRoundTrip = transports.stream().anyMatch(TransportStats::roundTrip);
        return anyPush && anyRoundTrip ? "Latency" : anyRoundTrip ? "Round-trip latency" : "Push latency";
    }

    /** The log tag of the latency from the planned send time. */
    String correctedMetric() {
        return correctedMetric(result);
    }

    /** The metric of {@code result}'s latency from the planned send time: round trip for echo, else push. */
    static String correctedMetric(TransportResult result) {
        return result.workload() == Workload.ECHO ? Metrics.RTT_CORRECTED : Metrics.PUSH_CORRECTED;
    }

    /** The log tag of the latency from the actual send time. */
    String uncorrectedMetric() {
        return roundTrip() ? Metrics.RTT_UNCORRECTED : Metrics.PUSH_UNCORRECTED;
    }

    /** The whole run's corrected latency, nanoseconds; empty without a log. */
    Histogram corrected() {
        return log == null ? new Histogram(3) : log.total(correctedMetric());
    }

    /** The whole run's uncorrected latency, nanoseconds; empty without a log. */
    Histogram uncorrected() {
        return log == null ? new Histogram(3) : log.total(uncorrectedMetric());
    }

    /**
     * The corrected latency interval by interval, oldest first, from the first interval that
     * measured a message to the last: the intervals of connecting and warm-up before, and of an
     * idle end after, are left out. Empty without a log or measurements.
     */
    List<HistogramLog.Interval> measuredIntervals() {
        List<HistogramLog.Interval> all = log == null ? List.of() : log.intervals(correctedMetric());
        int first = 0;
        while (first < all.size() && all.get(first).histogram().getTotalCount() == 0) {
            first++;
        }
        int end = all.size();
        while (end > first && all.get(end - 1).histogram().getTotalCount() == 0) {
            end--;
        }
        return all.subList(first, end);
    }

    /** The stem of files written for this transport, e.g. {@code websocket-netty} (from its log name). */
    String fileStem() {
        String name = log != null ? log.fileName() : result.transport().id() + "-" + result.client().id();
        return name.endsWith(".hlog") ? name.substring(0, name.length() - ".hlog".length()) : name;
    }
}
