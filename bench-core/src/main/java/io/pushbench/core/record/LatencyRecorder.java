package io.pushbench.core.record;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Records latencies, in nanoseconds, into an HdrHistogram {@link Recorder} without allocating.
 *
 * <p>Recording never throws. A negative value (the receive clock read earlier than the send
 * stamp: an impossible latency) is counted in {@link #negativeCount()} and not recorded, so it
 * can never hide as a zero. A value above {@link #HIGHEST_TRACKABLE_NANOS} is recorded as that
 * highest value and counted in {@link #clampedCount()}.
 *
 * <p>Thread-safe: any number of threads may {@link #record}; one thread at a time may take
 * interval histograms.
 */
public final class LatencyRecorder {

    /** Highest latency recorded as itself: one hour, in nanoseconds. */
    public static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.HOURS.toNanos(1);
    /** Value precision: three significant decimal digits (0.1% resolution). */
    public static final int SIGNIFICANT_DIGITS = 3;

    private final String tag;
    private final Recorder recorder = new Recorder(HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    private final LongAdder negative = new LongAdder();
    private final LongAdder clamped = new LongAdder();

    /** @param tag the name this recorder's intervals carry in the histogram log, e.g. {@code push-corrected} */
    public LatencyRecorder(String tag) {
        this.tag = tag;
    }

    /** The histogram-log tag of this recorder. */
    public String tag() {
        return tag;
    }

    /** Records one latency in nanoseconds. Never allocates, never throws. */
    public void record(long nanos) {
        if (nanos < 0) {
            negative.increment();
            return;
        }
        if (nanos > HIGHEST_TRACKABLE_NANOS) {
            clamped.increment();
            nanos = HIGHEST_TRACKABLE_NANOS;
        }
        recorder.recordValue(nanos);
    }

    /**
     * Returns what was recorded since the previous call, reusing {@code recycle} (which must
     * have come from an earlier call on this recorder, or be {@code null}).
     */
    public Histogram intervalHistogram(Histogram recycle) {
        return recorder.getIntervalHistogram(recycle);
    }

    /** A new empty histogram with the same range and precision as this recorder's. */
    public static Histogram newHistogram() {
        return new Histogram(HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    }

    /** Values below zero seen so far, not recorded. */
    public long negativeCount() {
        return negative.sum();
    }

    /** Values above the trackable range seen so far, recorded as the highest value. */
    public long clampedCount() {
        return clamped.sum();
    }
}
