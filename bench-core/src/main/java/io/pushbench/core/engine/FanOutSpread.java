package io.pushbench.core.engine;

import io.pushbench.core.record.LatencyRecorder;
import org.HdrHistogram.Histogram;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * For each broadcast message, how far apart its first and last subscriber received it: the
 * fairness of a server's fan-out. Keeps the earliest and latest receive time of every message
 * of the measured phase, up to {@value #MAX_MESSAGES} messages (later ones are not tracked).
 *
 * <p>Thread-safe: any I/O thread may record; {@link #histogram()} is read once receiving ended.
 */
final class FanOutSpread {

    /** Messages tracked at most: two longs each, so 64 MiB at this bound. */
    static final int MAX_MESSAGES = 4_000_000;

    private final long firstSequence;
    private final AtomicLongArray first;
    private final AtomicLongArray last;

    /** Tracks sequence numbers from {@code firstSequence}, {@code count} of them (capped). */
    FanOutSpread(long firstSequence, long count) {
        this.firstSequence = firstSequence;
        int size = (int) Math.max(0, Math.min(count, MAX_MESSAGES));
        this.first = new AtomicLongArray(size);
        this.last = new AtomicLongArray(size);
    }

    /** Notes that a subscriber received message {@code sequence} at {@code receivedNanos}. */
    void onReceived(long sequence, long receivedNanos) {
        long index = sequence - firstSequence;
        if (index < 0 || index >= first.length()) {
            return;
        }
        int i = (int) index;
        // 0 marks "not yet received"; a real nanoTime reading of exactly 0 is shifted by one nanosecond.
        long stamp = receivedNanos == 0 ? 1 : receivedNanos;
        long seen;
        while (((seen = first.get(i)) == 0 || stamp < seen) && !first.compareAndSet(i, seen, stamp)) {
            Thread.onSpinWait();
        }
        while (((seen = last.get(i)) == 0 || stamp > seen) && !last.compareAndSet(i, seen, stamp)) {
            Thread.onSpinWait();
        }
    }

    /** The spread of every message received at least once, nanoseconds. */
    Histogram histogram() {
        Histogram spread = LatencyRecorder.newHistogram();
        for (int i = 0; i < first.length(); i++) {
            long a = first.get(i);
            if (a != 0) {
                spread.recordValue(Math.min(last.get(i) - a, LatencyRecorder.HIGHEST_TRACKABLE_NANOS));
            }
        }
        return spread;
    }
}
