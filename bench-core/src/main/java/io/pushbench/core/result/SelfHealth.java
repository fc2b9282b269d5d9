package io.pushbench.core.result;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How the generator itself fared during a run: whether its figures describe the server or the
 * tool. What was seen is kept apart: falling behind the plan ({@code unsentMessages}, and the
 * {@value Metrics#SCHEDULE_LAG} distribution in {@link TransportResult#latency()}), client I/O
 * threads too busy to read what arrived ({@value Metrics#IO_LAG} there), JVM pauses, platform
 * stalls and CPU use. Only the first two make a run {@code saturated}; the others are
 * {@code warnings}.
 *
 * <p>Build one with {@link #builder()}. Files written before a field existed read it as
 * {@code null} (objects), an empty list or 0.
 *
 * @param unsentMessages          planned messages never sent: the generator fell too far behind its plan
 * @param gcMillis                time the JVM's collectors report having spent in collections during the measured
 *                                phase and drain, concurrent work included, ms
 * @param processCpuMillis        CPU time of the whole pushbench process in that time, ms
 * @param serverCpuMillis         of which the in-process reference server's threads, ms; -1 when the server
 *                                runs elsewhere (its CPU is not ours to read)
 * @param generatorCpuMillis      the process's CPU time less the server's and the JIT compiler's, plus the outside
 *                                clients' ({@code outsideCpuMillis}), ms
 * @param generatorCpuMicrosPerMessage generator CPU per delivered message, µs
 * @param serverCpuMicrosPerMessage    server CPU per delivered message, µs; -1 when unknown
 * @param cpuUtilisation          CPU time of the process and the outside clients over (elapsed time x available
 *                                processors), 0..1
 * @param saturated               true when the generator fell behind its plan or could not read what arrived: the
 *                                figures may describe the generator, not the server
 * @param reasons                 why the run is saturated, one sentence per failed check, naming what was seen and its
 *                                threshold; empty when it is not
 * @param warnings                what was seen that does not make the run saturated (CPU use, JVM pauses, platform
 *                                stalls, clamped values), one sentence each; empty in files written before they existed
 * @param jvmPauses               the JVM's own pauses in the measured phase; null in files written before it existed
 * @param platformStalls          hiccups above the run's own baseline in the measured phase; null in files written
 *                                before it existed
 * @param clampedValues           latencies above one hour, recorded as one hour, in any of the run's histograms: their
 *                                maxima and high percentiles are understated (0 in files written before it existed)
 * @param compilerCpuMillis       of the process's CPU time, the JIT compiler threads', ms, left out of the
 *                                generator's; -1 when not known, 0 in files written before it existed (whose
 *                                generator figures include it)
 * @param outsideCpuMillis        CPU time of the client processes outside pushbench's JVM (a browser's whole process
 *                                tree) in the measured phase, ms: included in {@code generatorCpuMillis} and in
 *                                {@code cpuUtilisation}; 0 for the stacks that run in the JVM, and in files written
 *                                before it existed
 */
public record SelfHealth(
        long unsentMessages,
        long gcMillis,
        double processCpuMillis,
        double serverCpuMillis,
        double generatorCpuMillis,
        double generatorCpuMicrosPerMessage,
        double serverCpuMicrosPerMessage,
        double cpuUtilisation,
        boolean saturated,
        List<String> reasons,
        List<String> warnings,
        JvmPauses jvmPauses,
        PlatformStalls platformStalls,
        long clampedValues,
        double compilerCpuMillis,
        double outsideCpuMillis) {

    public SelfHealth {
        reasons = List.copyOf(reasons);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A builder with every figure at zero, the server's CPU unknown, and no reasons: a healthy run. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Pauses the JVM reports itself, from its own notifications: stop-the-world garbage
     * collections from the collectors' notifications, and safepoints (every stop of all Java
     * threads, GC pauses included) from JDK Flight Recorder. Figures in milliseconds.
     *
     * @param gcPauses               stop-the-world collections that ended in the measured phase
     * @param gcPauseMillis          their pauses added up, ms (the JVM reports each to the millisecond)
     * @param longestGcPauseMillis   the longest of them, ms
     * @param safepoints             safepoints that ended in the measured phase; -1 when the JVM could not report them
     *                               (no Flight Recorder)
     * @param safepointMillis        from each one's start of synchronisation to its end, added up, ms; -1 when unknown
     * @param longestSafepointMillis the longest of them, ms; -1 when unknown
     */
    public record JvmPauses(long gcPauses, double gcPauseMillis, double longestGcPauseMillis, long safepoints,
                            double safepointMillis, double longestSafepointMillis) {

        /** All the time the JVM held its threads: the safepoints' when known (they include GC pauses), else the GC's. */
        public double pausedMillis() {
            return safepoints < 0 ? gcPauseMillis : Math.max(safepointMillis, gcPauseMillis);
        }

        /** The longest single pause: the longest safepoint when known, else the longest GC pause. */
        public double longestMillis() {
            return safepoints < 0 ? longestGcPauseMillis : Math.max(longestSafepointMillis, longestGcPauseMillis);
        }
    }

    /**
     * Platform stalls, as jHiccup sees them: a probe thread sleeps a short while (1 ms) again and
     * again, and each sleep's overshoot is a hiccup. Most of them are the platform's ordinary
     * timer slack (about 0.1 ms on a virtual machine), which is no stall; so the run's own median
     * hiccup is the baseline, and a hiccup longer than the baseline plus {@value #MARGIN_MILLIS} ms
     * counts as a stall: the process did not run when it should have (the operating system or the
     * hypervisor ran something else, or the JVM held it at a safepoint).
     *
     * <p>The same probe is the control the generator's own lateness is judged against: how late
     * an idle thread of the process ran, over time ({@code p99Micros}). A sleep that overshot by
     * 30 ms stood for 30 probes that could not run, late by 30, 29, ... 1 ms, and they are counted
     * so, as jHiccup does; so this is how late anything due at a random moment of the run would
     * have started, whatever it does.
     *
     * @param baselineMicros  the median hiccup of the run, µs
     * @param thresholdMicros a hiccup longer than this is a stall: the baseline plus {@value #MARGIN_MILLIS} ms, µs
     * @param stalls          how many hiccups were stalls
     * @param totalMillis     the stalls' hiccups added up, ms
     * @param longestMillis   the longest stall, ms (0 when there was none)
     * @param probedMillis    how long the probe ran, its sleeps and hiccups together, ms: what {@code totalMillis}
     *                        is a share of
     * @param p99Micros       how late an idle thread of the process ran, 99th percentile over time, µs (0 in files
     *                        written before it existed)
     */
    public record PlatformStalls(double baselineMicros, double thresholdMicros, long stalls, double totalMillis,
                                 double longestMillis, double probedMillis, double p99Micros) {

        /** How far above the baseline a hiccup must reach to be a stall, ms: one probe period. */
        public static final long MARGIN_MILLIS = 1;

        /**
         * The stalls in a run's hiccups.
         *
         * @param hiccupNanos each probe's overshoot of its sleep, nanoseconds
         * @param sleepNanos  how long each probe asked to sleep, nanoseconds
         */
        public static PlatformStalls ofHiccups(Histogram hiccupNanos, long sleepNanos) {
            long probes = hiccupNanos.getTotalCount();
            if (probes == 0) {
                return new PlatformStalls(0, 0, 0, 0, 0, 0, 0);
            }
            long baseline = hiccupNanos.getValueAtPercentile(50);
            long threshold = baseline + TimeUnit.MILLISECONDS.toNanos(MARGIN_MILLIS);
            long stalls = 0;
            long total = 0;
            long longest = 0;
            for (HistogramIterationValue v : hiccupNanos.recordedValues()) {
                long value = v.getValueIteratedTo();
                if (value > threshold) {
                    stalls += v.getCountAtValueIteratedTo();
                    total += value * v.getCountAtValueIteratedTo();
                    longest = value;
                }
            }
            double probed = probes * (sleepNanos + hiccupNanos.getMean());
            long p99 = hiccupNanos.copyCorrectedForCoordinatedOmission(sleepNanos).getValueAtPercentile(99);
            return new PlatformStalls(round(baseline / 1e3), round(threshold / 1e3), stalls, round(total / 1e6),
                    round(longest / 1e6), round(probed / 1e6), round(p99 / 1e3));
        }

        /** The stalls' share of the probed time, 0..1. */
        public double share() {
            return probedMillis <= 0 ? 0 : totalMillis / probedMillis;
        }
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /** Sets up a {@link SelfHealth}; not thread-safe. {@code saturated} is whether any reason was given. */
    public static final class Builder {
        private long unsentMessages;
        private long gcMillis;
        private double processCpuMillis;
        private double serverCpuMillis = -1;
        private double generatorCpuMillis;
        private double generatorCpuMicrosPerMessage;
        private double serverCpuMicrosPerMessage = -1;
        private double cpuUtilisation;
        private List<String> reasons = List.of();
        private List<String> warnings = List.of();
        private JvmPauses jvmPauses;
        private PlatformStalls platformStalls;
        private long clampedValues;
        private double compilerCpuMillis = -1;
        private double outsideCpuMillis;

        private Builder() {
        }

        public Builder unsentMessages(long unsentMessages) {
            this.unsentMessages = unsentMessages;
            return this;
        }

        public Builder gcMillis(long gcMillis) {
            this.gcMillis = gcMillis;
            return this;
        }

        /**
         * @param processMillis   the whole process's CPU, ms
         * @param serverMillis    of which the in-process server's, ms; -1 when unknown
         * @param generatorMillis the rest, ms
         */
        public Builder cpuMillis(double processMillis, double serverMillis, double generatorMillis) {
            this.processCpuMillis = processMillis;
            this.serverCpuMillis = serverMillis;
            this.generatorCpuMillis = generatorMillis;
            return this;
        }

        /**
         * @param generatorMicros the generator's CPU per delivered message, µs
         * @param serverMicros    the server's, µs; -1 when unknown
         */
        public Builder cpuMicrosPerMessage(double generatorMicros, double serverMicros) {
            this.generatorCpuMicrosPerMessage = generatorMicros;
            this.serverCpuMicrosPerMessage = serverMicros;
            return this;
        }

        /** @param cpuUtilisation process CPU over elapsed time and processors, 0..1 */
        public Builder cpuUtilisation(double cpuUtilisation) {
            this.cpuUtilisation = cpuUtilisation;
            return this;
        }

        /** Why the run is saturated; none (the default) for a healthy run. */
        public Builder reasons(List<String> reasons) {
            this.reasons = reasons;
            return this;
        }

        public Builder warnings(List<String> warnings) {
            this.warnings = warnings;
            return this;
        }

        public Builder jvmPauses(JvmPauses jvmPauses) {
            this.jvmPauses = jvmPauses;
            return this;
        }

        public Builder platformStalls(PlatformStalls platformStalls) {
            this.platformStalls = platformStalls;
            return this;
        }

        public Builder clampedValues(long clampedValues) {
            this.clampedValues = clampedValues;
            return this;
        }

        /** @param compilerCpuMillis the JIT compiler threads' CPU, ms, left out of the generator's; -1 when unknown */
        public Builder compilerCpuMillis(double compilerCpuMillis) {
            this.compilerCpuMillis = compilerCpuMillis;
            return this;
        }

        /** @param outsideCpuMillis the outside client processes' CPU (a browser's), ms, counted in the generator's */
        public Builder outsideCpuMillis(double outsideCpuMillis) {
            this.outsideCpuMillis = outsideCpuMillis;
            return this;
        }

        public SelfHealth build() {
            return new SelfHealth(unsentMessages, gcMillis, processCpuMillis, serverCpuMillis, generatorCpuMillis,
                    generatorCpuMicrosPerMessage, serverCpuMicrosPerMessage, cpuUtilisation, !reasons.isEmpty(),
                    reasons, warnings, jvmPauses, platformStalls, clampedValues, compilerCpuMillis,
                    outsideCpuMillis);
        }
    }
}
