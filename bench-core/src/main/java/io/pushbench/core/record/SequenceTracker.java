package io.pushbench.core.record;

import java.util.BitSet;

/**
 * Counts, for one receiver, how the sequence numbers it saw differ from "each once, in order".
 *
 * <p>A message counts as <em>duplicated</em> when its sequence number was already seen, and
 * <em>out of order</em> when it arrives after a higher one. Lost messages are those of the
 * expected range never seen: {@link #lostIn(long, long)}.
 *
 * <p>Not thread-safe: one tracker belongs to one connection, whose messages arrive on one thread.
 */
public final class SequenceTracker {

    private final BitSet seen = new BitSet();
    private long highest = -1;
    private long received;
    private long duplicated;
    private long outOfOrder;

    /** Notes one received sequence number ({@code >= 0}, below 2^31). */
    public void onSequence(long sequence) {
        int index = (int) sequence;
        if (seen.get(index)) {
            duplicated++;
            return;
        }
        seen.set(index);
        received++;
        if (sequence < highest) {
            outOfOrder++;
        } else {
            highest = sequence;
        }
    }

    /** The highest sequence number received so far; -1 before the first. */
    public long highest() {
        return highest;
    }

    /** Distinct sequence numbers received. */
    public long received() {
        return received;
    }

    /** Receipts of a sequence number already received. */
    public long duplicated() {
        return duplicated;
    }

    /** Distinct messages that arrived after a message with a higher sequence number. */
    public long outOfOrder() {
        return outOfOrder;
    }

    /** Distinct sequence numbers received in {@code [from, to)}. */
    public long receivedIn(long from, long to) {
        if (to <= from) {
            return 0;
        }
        return seen.get((int) from, (int) to).cardinality();
    }

    /** Sequence numbers in {@code [from, to)} that were never received. */
    public long lostIn(long from, long to) {
        return Math.max(0, to - from) - receivedIn(from, to);
    }
}
