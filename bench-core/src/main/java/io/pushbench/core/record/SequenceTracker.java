package io.pushbench.core.record;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Counts, for one receiver, how the sequence numbers it saw differ from "each once, in order".
 *
 * <p>A message counts as <em>duplicated</em> when its sequence number was already seen, and
 * <em>out of order</em> when it arrives after a higher one from the same sender. Lost messages are
 * those of the expected range never seen: {@link #lostIn(long, long)}.
 *
 * <p>With one sender (a publisher) every message is ordered against every other. With {@code n}
 * senders taking the sequence numbers in turn (sender {@code s} sends {@code s, s + n, s + 2n, ...},
 * as chat clients do), order is judged per sender only: messages of different senders race each
 * other to the server, and the order in which they arrive there is the room's order, not an error.
 *
 * <p>Not thread-safe: one tracker belongs to one connection, whose messages arrive on one thread.
 */
public final class SequenceTracker {

    private final BitSet seen = new BitSet();
    private final long[] highestBySender;
    private long highest = -1;
    private long received;
    private long duplicated;
    private long outOfOrder;

    /** A tracker of one sender's sequence numbers. */
    public SequenceTracker() {
        this(1);
    }

    /** A tracker of {@code senders} ({@code >= 1}) senders taking the sequence numbers in turn. */
    public SequenceTracker(int senders) {
        if (senders < 1) {
            throw new IllegalArgumentException("senders must be >= 1, was " + senders);
        }
        highestBySender = new long[senders];
        Arrays.fill(highestBySender, -1);
    }

    /** Notes one received sequence number ({@code >= 0}, below 2^31). */
    public void onSequence(long sequence) {
        int index = (int) sequence;
        if (seen.get(index)) {
            duplicated++;
            return;
        }
        seen.set(index);
        received++;
        highest = Math.max(highest, sequence);
        int sender = (int) (sequence % highestBySender.length);
        if (sequence < highestBySender[sender]) {
            outOfOrder++;
        } else {
            highestBySender[sender] = sequence;
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

    /** Distinct messages that arrived after a message of the same sender with a higher sequence number. */
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
