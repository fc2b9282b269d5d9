package io.pushbench.core.record;

import io.netty.util.concurrent.FastThreadLocalThread;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.SingleWriterRecorder;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Records latencies, in nanoseconds, into HdrHistogram recorders without allocating.
 *
 * <p>Recording never throws. A negative value (the receive clock read earlier than the send
 * stamp: an impossible latency) is counted in {@link #negativeCount()} and not recorded, so it
 * can never hide as a zero. A value above {@link #HIGHEST_TRACKABLE_NANOS} is recorded as that
 * highest value and counted in {@link #clampedCount()}.
 *
 * <p>Each Netty event-loop thread records into a stripe of its own (a {@link SingleWriterRecorder}),
 * and every other thread into one shared {@link Recorder}; {@link #intervalHistogram} adds them up.
 * The generator's messages are recorded on its event loops, several per message and one loop per
 * core: with one shared recorder, every value recorded would be a handful of atomic updates to
 * cache lines that the loops take from each other's cores, per message. A stripe's are updated by
 * one thread only.
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
    /** Where threads other than event loops record. */
    private final Recorder shared = new Recorder(HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    private final ThreadLocal<Stripe> ownStripe = new ThreadLocal<>();
    private final List<Stripe> stripes = new CopyOnWriteArrayList<>();
    private final LongAdder negative = new LongAdder();
    private final LongAdder clamped = new LongAdder();
    /** The last interval histogram of {@link #shared}, reused for the next; read by the interval taker only. */
    private Histogram sharedSpare;
    /** When the interval being recorded began, epoch milliseconds. */
    private long intervalStartMillis = System.currentTimeMillis();

    /** One event-loop thread's recorder, and its last interval histogram, reused for the next. */
    private static final class Stripe {
        // Sized as it fills: a stripe that records microseconds only stays small.
        final SingleWriterRecorder recorder = new SingleWriterRecorder(SIGNIFICANT_DIGITS);
        Histogram spare;
    }

    /** @param tag the name this recorder's intervals carry in the histogram log, e.g. {@code push-corrected} */
    public LatencyRecorder(String tag) {
        this.tag = tag;
    }

    /** The histogram-log tag of this recorder. */
    public String tag() {
        return tag;
    }

    /** Records one latency in nanoseconds. Never allocates (after a thread's first value), never throws. */
    public void record(long nanos) {
        if (nanos < 0) {
            negative.increment();
            return;
        }
        if (nanos > HIGHEST_TRACKABLE_NANOS) {
            clamped.increment();
            nanos = HIGHEST_TRACKABLE_NANOS;
        }
        if (Thread.currentThread() instanceof FastThreadLocalThread) {
            stripe().recorder.recordValue(nanos);
        } else {
            shared.recordValue(nanos);
        }
    }

    private Stripe stripe() {
        Stripe stripe = ownStripe.get();
        if (stripe == null) {
            stripe = new Stripe();
            ownStripe.set(stripe);
            stripes.add(stripe);
        }
        return stripe;
    }

    /**
     * Returns what was recorded since the previous call, by every thread, reusing {@code recycle}
     * (which must have come from an earlier call on this recorder, or be {@code null}). Its start
     * and end time stamps are those of the interval.
     */
    public synchronized Histogram intervalHistogram(Histogram recycle) {
        Histogram interval = recycle != null ? recycle : newHistogram();
        interval.reset();
        sharedSpare = shared.getIntervalHistogram(sharedSpare);
        interval.add(sharedSpare);
        for (Stripe stripe : stripes) {
            stripe.spare = stripe.recorder.getIntervalHistogram(stripe.spare);
            interval.add(stripe.spare);
        }
        long now = System.currentTimeMillis();
        interval.setStartTimeStamp(intervalStartMillis);
        interval.setEndTimeStamp(now);
        intervalStartMillis = now;
        return interval;
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
