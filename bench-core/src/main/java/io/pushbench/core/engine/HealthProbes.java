package io.pushbench.core.engine;

import io.pushbench.core.record.HiccupDetector;
import io.pushbench.core.record.IntervalLog;
import io.pushbench.core.record.IoLagProbe;
import io.pushbench.core.record.LatencyRecorder;
import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.SelfHealth;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What a run watches about its own process while it measures, beside its schedule lag: the JVM's
 * pauses ({@link JvmPauseMonitor}), platform stalls ({@link HiccupDetector}) and, when the
 * client's event loops can be reached, how late they run ({@link IoLagProbe}). Each counts the
 * run's measured phase only, so that connecting thousands of clients is not held against it.
 *
 * <p>Not thread-safe: the run's thread creates, starts, stops and reads it, once, and closes it
 * whatever happened.
 */
final class HealthProbes implements AutoCloseable {

    private final LatencyRecorder hiccups = new LatencyRecorder(Metrics.HICCUP);
    private final LatencyRecorder ioLag = new LatencyRecorder(Metrics.IO_LAG);
    private final MeasurementWindow window;
    private final HiccupDetector detector;
    private final IoLagProbe ioLagProbe;
    private final JvmPauseMonitor jvm;
    private JvmPauseMonitor.Window jvmPauses;

    /**
     * Starts the process's {@link JvmPauseMonitor} if no run did before (a few seconds, once), so do
     * this before anything is timed.
     *
     * @param ioLoops the client's event loops, none when they cannot be reached
     * @param window  the run's measured phase; may be set after {@link #start}, before it begins
     */
    HealthProbes(Iterable<? extends ScheduledExecutorService> ioLoops, MeasurementWindow window) {
        this.window = window;
        this.detector = new HiccupDetector(hiccups, window::contains);
        this.ioLagProbe = new IoLagProbe(ioLoops, ioLag, window::contains);
        this.jvm = JvmPauseMonitor.get();
    }

    /** The recorders to write into the run's histogram log. */
    List<LatencyRecorder> recorders() {
        List<LatencyRecorder> recorders = new ArrayList<>(List.of(hiccups));
        if (ioLagProbe.probes()) {
            recorders.add(ioLag);
        }
        return recorders;
    }

    void start() {
        jvmPauses = jvm.open(this::measured);
        detector.start();
        ioLagProbe.start();
    }

    /** Stops the probes; the JVM's own reports up to now are still being gathered until {@link #jvmPauses}. */
    void stop() throws InterruptedException {
        ioLagProbe.stop();
        detector.stop();
        jvmPauses.end();
    }

    /** Stops the probes and stops gathering the JVM's reports, if a failed run did not; no figures are kept. */
    @Override
    public void close() throws InterruptedException {
        ioLagProbe.stop();
        detector.stop();
        if (jvmPauses != null) {
            jvmPauses.discard();
        }
    }

    /** Adds the hiccups and, when probed, the I/O lag to a run's latency summaries, from {@code log}'s totals. */
    void summarise(IntervalLog log, Map<String, LatencySummary> latency) {
        for (LatencyRecorder r : recorders()) {
            latency.put(r.tag(), LatencySummary.ofNanos(log.total(r)));
        }
    }

    /** The platform stalls among the hiccups, from {@code log}'s total. */
    SelfHealth.PlatformStalls platformStalls(IntervalLog log) {
        return platformStalls(log.total(hiccups));
    }

    /** The platform stalls among hiccups a {@link HiccupDetector} recorded, nanoseconds. */
    static SelfHealth.PlatformStalls platformStalls(Histogram hiccups) {
        return SelfHealth.PlatformStalls.ofHiccups(hiccups,
                TimeUnit.MICROSECONDS.toNanos(HiccupDetector.RESOLUTION_MICROS));
    }

    /** The JVM's pauses in the measured phase; waits (a second or so) for the JVM to report all of them. */
    SelfHealth.JvmPauses jvmPauses() throws InterruptedException {
        return jvmPauses.close();
    }

    /** Values clamped to the trackable range by the probes' recorders. */
    long clampedValues() {
        return hiccups.clampedCount() + ioLag.clampedCount();
    }

    /** A pause counts when it ended in the measured phase (inclusive of its end). */
    private boolean measured(long endNanoTime) {
        return endNanoTime >= window.startNanos() && endNanoTime <= window.endNanos();
    }
}
