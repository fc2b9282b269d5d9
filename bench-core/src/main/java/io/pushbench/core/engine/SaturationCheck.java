package io.pushbench.core.engine;

import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.result.SelfHealth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a run measured the server or the generator, and names what it saw. Only
 * evidence that the generator fell behind its plan, or could not read what arrived, makes a run
 * <em>saturated</em> ({@link #reasons}): then its latency is partly the tool's own.
 *
 * <p>Lateness is judged against a control measured in the same run: how late an idle thread of
 * the process ran at its 99th percentile ({@link SelfHealth.PlatformStalls#p99Micros}, the
 * hiccup probe's). A GC pause or a stall of the machine delays every thread alike, the idle one
 * too; only lateness beyond it is the generator's own. And it must be sustained: the check reads
 * the lag's 90th percentile, so a tenth of the sends (or of the event-loop probes) must have been
 * that late. A generator that cannot keep up owes more with every message, so most of its sends
 * are late; a machine busy with other work holds the process back in bursts, which make a few
 * sends late (and busy threads later than the idle one, which the scheduler favours), not a tenth.
 *
 * <table>
 *   <caption>Saturation: any of these</caption>
 *   <tr><th>check</th><th>threshold</th><th>why</th></tr>
 *   <tr><td>planned messages never sent</td><td>&gt; 0</td><td>the generator could not offer the load asked
 *       for</td></tr>
 *   <tr><td>schedule lag, p90</td><td>&gt; {@value #MAX_LAG_MILLIS} ms above the idle thread's p99</td><td>sends went out late: the
 *       generator, not the server, set the pace</td></tr>
 *   <tr><td>client I/O event-loop lag, p90</td><td>&gt; {@value #MAX_IO_LAG_MILLIS} ms above, and &gt; {@value #IDLE_FACTOR} times, the idle
 *       thread's p99</td><td>the
 *       threads that read the connections ran that late: what arrived waited in the generator before it was
 *       stamped</td></tr>
 * </table>
 *
 * <p>What slows a process without showing in those figures is reported but is no verdict by itself
 * ({@link #warnings}): a JVM pause or a stall the run rode out, or a busy CPU, costs the
 * measurement nothing while sends still go out on time and reads still happen on time.
 *
 * <table>
 *   <caption>Warnings</caption>
 *   <tr><th>figure</th><th>warned above</th><th>why</th></tr>
 *   <tr><td>CPU use of the process</td><td>{@value #HIGH_CPU_PERCENT}% of all processors</td><td>little
 *       headroom left: a heavier load would fall behind</td></tr>
 *   <tr><td>JVM pauses (safepoints, else GC), in total</td><td>{@value #HIGH_PAUSE_PERCENT}% of the measured
 *       time</td><td>messages due or arriving during a pause wait for it</td></tr>
 *   <tr><td>platform stalls, in total</td><td>{@value #HIGH_STALL_PERCENT}% of the probed time</td><td>the
 *       machine did not run the process for that long</td></tr>
 *   <tr><td>values clamped to the histograms' range</td><td>0</td><td>maxima and high percentiles are
 *       understated</td></tr>
 * </table>
 */
public final class SaturationCheck {

    /** Highest acceptable 90th percentile of schedule lag beyond an idle thread's p99, milliseconds. */
    public static final double MAX_LAG_MILLIS = 5;
    /**
     * An event-loop lag counts only when its p90 is also more than this many times an idle thread's: on a
     * machine busy with other work every thread of the process runs late together, and a loop probed
     * with few samples that is about as late as the idle thread was not behind on its own account.
     * (A late send is itself evidence, so schedule lag needs only the margin.)
     */
    public static final double IDLE_FACTOR = 2;
    /** Highest acceptable 90th percentile of the client event loops' lag beyond an idle thread's p99, milliseconds. */
    public static final double MAX_IO_LAG_MILLIS = 5;
    /** CPU use of the process above which a run is warned about, percent of all processors. */
    public static final double HIGH_CPU_PERCENT = 90;
    /** Share of the measured time in JVM pauses above which a run is warned about, percent. */
    public static final double HIGH_PAUSE_PERCENT = 5;
    /** Share of the probed time in platform stalls above which a run is warned about, percent. */
    public static final double HIGH_STALL_PERCENT = 5;

    private SaturationCheck() {
    }

    /**
     * Why the run is saturated.
     *
     * @param unsent      planned messages never sent
     * @param scheduleLag schedule-lag summary (microseconds), or null for a closed loop or a run that sends nothing
     * @param ioLag       the client event loops' lag (microseconds), or null when they were not probed
     * @param idleP99     how late an idle thread of the process ran, 99th percentile, microseconds (0 if unknown)
     * @return one sentence per failed check, naming what was seen and its threshold; empty when the run kept up
     */
    public static List<String> reasons(long unsent, LatencySummary scheduleLag, LatencySummary ioLag, double idleP99) {
        List<String> reasons = new ArrayList<>();
        if (unsent > 0) {
            reasons.add("fell behind its plan: " + unsent + " planned messages were never sent");
        }
        if (scheduleLag != null && late(scheduleLag, idleP99, MAX_LAG_MILLIS)) {
            reasons.add("fell behind its plan: schedule lag p90 " + beyond(scheduleLag, idleP99, MAX_LAG_MILLIS)
                    + ", a tenth of the sends went out late");
        }
        if (ioLag != null && late(ioLag, idleP99, MAX_IO_LAG_MILLIS) && ioLag.p90() > IDLE_FACTOR * idleP99) {
            reasons.add("could not read what arrived: client I/O threads ran tasks late, event-loop lag p90 "
                    + beyond(ioLag, idleP99, MAX_IO_LAG_MILLIS));
        }
        return reasons;
    }

    private static boolean late(LatencySummary lag, double idleP99, double maxMillis) {
        return lag.p90() > idleP99 + maxMillis * 1000;
    }

    /** E.g. {@code 12.0 ms > 5.1 ms (an idle thread's p99 0.1 ms + 5 ms)}. */
    private static String beyond(LatencySummary lag, double idleP99, double maxMillis) {
        return String.format(Locale.ROOT, "%.1f ms > %.1f ms (an idle thread's p99 %.1f ms + %.0f ms)",
                lag.p90() / 1000, idleP99 / 1000 + maxMillis, idleP99 / 1000, maxMillis);
    }

    /**
     * What was seen that does not make the run saturated.
     *
     * @param cpuUtilisation process CPU (with the outside clients') over elapsed time and processors, 0..1, or
     *                       negative if unknown
     * @param outsideClients whether that includes client processes outside the JVM (a browser)
     * @param jvmPauses      the JVM's pauses in the measured phase, or null if not watched
     * @param measuredNanos  length of the measured phase, nanoseconds
     * @param stalls         platform stalls in the measured phase, or null if not probed
     * @param clampedValues  values clamped to the histograms' range
     * @return one sentence per figure above its mark, naming it
     */
    public static List<String> warnings(double cpuUtilisation, boolean outsideClients, SelfHealth.JvmPauses jvmPauses,
                                        long measuredNanos, SelfHealth.PlatformStalls stalls, long clampedValues) {
        List<String> warnings = new ArrayList<>();
        if (cpuUtilisation * 100 > HIGH_CPU_PERCENT) {
            warnings.add(String.format(Locale.ROOT, "CPU: the process%s used %.0f%% of all CPUs > %.0f%%",
                    outsideClients ? " and the browser" : "", cpuUtilisation * 100, HIGH_CPU_PERCENT));
        }
        double pausedPercent = jvmPauses == null ? 0 : 100 * jvmPauses.pausedMillis() * 1e6 / Math.max(measuredNanos, 1);
        if (pausedPercent > HIGH_PAUSE_PERCENT) {
            warnings.add(String.format(Locale.ROOT, "JVM pauses: %.1f%% of the measured time > %.0f%% "
                    + "(longest %.1f ms; %d GC pauses, %.1f ms)", pausedPercent, HIGH_PAUSE_PERCENT,
                    jvmPauses.longestMillis(), jvmPauses.gcPauses(), jvmPauses.gcPauseMillis()));
        }
        if (stalls != null && stalls.share() * 100 > HIGH_STALL_PERCENT) {
            warnings.add(String.format(Locale.ROOT, "platform stalls: %.1f%% of the probed time > %.0f%% "
                    + "(%d hiccups above %.1f ms, longest %.1f ms)", stalls.share() * 100, HIGH_STALL_PERCENT,
                    stalls.stalls(), stalls.thresholdMicros() / 1000, stalls.longestMillis()));
        }
        if (clampedValues > 0) {
            warnings.add(clampedValues + " values above the histograms' range (one hour) were recorded as one hour: "
                    + "maxima and high percentiles are understated");
        }
        return warnings;
    }
}
