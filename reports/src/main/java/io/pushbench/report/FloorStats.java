package io.pushbench.report;

import io.pushbench.core.result.FloorResult;
import io.pushbench.core.result.LatencySummary;
import org.HdrHistogram.Histogram;

import java.util.List;

/**
 * The floor of a run as a report needs it: its entry in {@code result.json} and its histogram log,
 * if it has one. Its latencies are kept under the transports' metric names ({@link FloorResult}), so
 * the floor of a transport's figure is found under that figure's metric.
 *
 * @param result the floor's entry in {@code result.json}
 * @param log    its histogram log, or {@code null} when the entry names none
 */
record FloorStats(FloorResult result, HistogramLog log) {

    /** What the summary table calls it. */
    static final String LABEL = "floor (raw TCP)";

    /** The floor's summary of {@code metric} (e.g. {@code push-corrected}, the one-way trip), or null if it has none. */
    LatencySummary summary(String metric) {
        LatencySummary summary = result.latency() == null ? null : result.latency().get(metric);
        return summary == null || summary.count() == 0 ? null : summary;
    }

    /** The whole floor's {@code metric}, nanoseconds; empty without a log. */
    Histogram total(String metric) {
        return log == null ? new Histogram(3) : log.total(metric);
    }

    /** What the floor of {@code transports}' latency is: the one-way trip for push, the round trip for echo. */
    static String tripName(List<TransportStats> transports) {
        return !transports.isEmpty() && transports.get(0).roundTrip() ? "round trip" : "one way";
    }
}
