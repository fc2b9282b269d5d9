package io.pushbench.core.engine;

import io.pushbench.core.result.LatencySummary;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a run measured the server or the generator. A run is <em>saturated</em> when
 * any of these holds (the thresholds are deliberately loose: a healthy run on a busy 2-core
 * machine passes them; a generator that cannot keep up fails them by a wide margin):
 *
 * <table>
 *   <caption>Checks</caption>
 *   <tr><th>check</th><th>threshold</th><th>why</th></tr>
 *   <tr><td>planned messages never sent</td><td>&gt; 0</td><td>the generator could not offer the load asked for</td></tr>
 *   <tr><td>schedule lag, p99</td><td>&gt; {@value #MAX_LAG_P99_MILLIS} ms</td><td>sends went out late: the
 *       generator, not the server, set the pace</td></tr>
 *   <tr><td>JVM pauses, total</td><td>&gt; {@value #MAX_PAUSE_FRACTION_PERCENT}% of the measured time</td><td>the
 *       process stood still: receive stamps and sends were delayed by the tool</td></tr>
 *   <tr><td>CPU use of the process</td><td>&gt; {@value #MAX_CPU_PERCENT}% of all processors</td><td>no headroom
 *       left: queues inside the tool add latency</td></tr>
 * </table>
 */
public final class SaturationCheck {

    /** Highest acceptable 99th percentile of schedule lag, milliseconds. */
    public static final double MAX_LAG_P99_MILLIS = 5;
    /** Highest acceptable share of the measured time spent paused, percent. */
    public static final double MAX_PAUSE_FRACTION_PERCENT = 5;
    /** Highest acceptable CPU use of the process, percent of all processors. */
    public static final double MAX_CPU_PERCENT = 90;

    private SaturationCheck() {
    }

    /**
     * @param unsent          planned messages never sent
     * @param scheduleLag     schedule-lag summary (microseconds), or null for a closed loop
     * @param pausedNanos     total time the pause detector saw the JVM stalled
     * @param measuredNanos   length of the measured phase
     * @param cpuUtilisation  process CPU over elapsed time and processors, 0..1, or negative if unknown
     * @return one sentence per failed check; empty when the run was healthy
     */
    public static List<String> reasons(long unsent, LatencySummary scheduleLag, long pausedNanos, long measuredNanos,
                                       double cpuUtilisation) {
        List<String> reasons = new ArrayList<>();
        if (unsent > 0) {
            reasons.add(unsent + " planned messages were never sent: the generator fell behind its schedule");
        }
        if (scheduleLag != null && scheduleLag.p99() / 1000 > MAX_LAG_P99_MILLIS) {
            reasons.add(String.format("schedule lag p99 %.1f ms > %.0f ms: sends went out late",
                    scheduleLag.p99() / 1000, MAX_LAG_P99_MILLIS));
        }
        double pausedPercent = 100.0 * pausedNanos / measuredNanos;
        if (pausedPercent > MAX_PAUSE_FRACTION_PERCENT) {
            reasons.add(String.format("JVM paused %.1f%% of the measured time > %.0f%%", pausedPercent,
                    MAX_PAUSE_FRACTION_PERCENT));
        }
        if (cpuUtilisation * 100 > MAX_CPU_PERCENT) {
            reasons.add(String.format("the process used %.0f%% of all CPUs > %.0f%%", cpuUtilisation * 100,
                    MAX_CPU_PERCENT));
        }
        return reasons;
    }
}
