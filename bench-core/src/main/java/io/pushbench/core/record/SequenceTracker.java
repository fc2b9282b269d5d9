package io.pushbench.core.record;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

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
 * <p>A reconnection leaves a <em>gap</em>: the sequence numbers after the highest received
 * before it ({@link #onReconnect}) and below the first received after it. Those of a gap never
 * received are {@link #lostInGaps lost in gaps}: what the outage cost, as opposed to losses while
 * connected. A transport that resumes (SSE with {@code Last-Event-ID} on a server that kept its
 * history) fills its gaps and loses nothing in them.
 *
 * <p>Noting a sequence number allocates nothing once the tracker has room for it: a tracker
 * told how many sequence numbers to expect takes the room for them up front, and grows (by
 * doubling) only past that.
 *
 * <p>Not thread-safe: one tracker belongs to one connection, whose messages arrive on one thread.
 */
public final class SequenceTracker {

    private final BitSet seen;
    private final long[] highestBySender;
    private long highest = -1;
    private long received;
    private long duplicated;
    private long outOfOrder;
    /** Closed gaps, each {@code [from, to)}. */
    private final List<long[]> gaps = new ArrayList<>();
    /** Start of the gap still open (no message above it since the reconnection), or -1. */
    private long openGapFrom = -1;

    /** A tracker of one sender's sequence numbers. */
    public SequenceTracker() {
        this(1);
    }

    /** A tracker of {@code senders} ({@code >= 1}) senders taking the sequence numbers in turn. */
    public SequenceTracker(int senders) {
        this(senders, 0);
    }

    /**
     * A tracker of {@code senders} ({@code >= 1}) senders taking the sequence numbers in turn, with
     * room for sequence numbers {@code [0, expected)} taken up front ({@code expected / 8} bytes).
     *
     * @param expected how many sequence numbers the run plans, {@code 0 <= expected <= 2^31}; 0 when unknown
     */
    public SequenceTracker(int senders, long expected) {
        if (senders < 1) {
            throw new IllegalArgumentException("senders must be >= 1, was " + senders);
        }
        if (expected < 0 || expected > 1L << 31) {
            throw new IllegalArgumentException("expected must be in [0, 2^31], was " + expected);
        }
        seen = expected == 0 ? new BitSet() : new BitSet((int) Math.min(expected, Integer.MAX_VALUE));
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
        if (openGapFrom >= 0 && sequence >= openGapFrom) {
            if (sequence > openGapFrom) {
                gaps.add(new long[] {openGapFrom, sequence});
            }
            openGapFrom = -1;
        }
        highest = Math.max(highest, sequence);
        int sender = (int) (sequence % highestBySender.length);
        if (sequence < highestBySender[sender]) {
            outOfOrder++;
        } else {
            highestBySender[sender] = sequence;
        }
    }

    /**
     * Notes that the connection was lost and is open again: a gap opens after the highest sequence
     * number received so far, and closes at the next one received above it. Losses that come one
     * after the other before any message make one gap.
     */
    public void onReconnect() {
        if (openGapFrom < 0) {
            openGapFrom = highest + 1;
        }
    }

    /**
     * Sequence numbers in {@code [from, to)} that lie in a reconnection's gap and were never
     * received; a gap still open at the end (nothing arrived after the reconnection) reaches to {@code to}.
     */
    public long lostInGaps(long from, long to) {
        long lost = 0;
        for (long[] gap : gaps) {
            lost += lostIn(Math.max(from, gap[0]), Math.min(to, gap[1]));
        }
        if (openGapFrom >= 0) {
            lost += lostIn(Math.max(from, openGapFrom), to);
        }
        return lost;
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
