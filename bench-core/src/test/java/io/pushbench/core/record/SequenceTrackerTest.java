package io.pushbench.core.record;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SequenceTrackerTest {

    @Test
    void inOrderOnceIsClean() {
        SequenceTracker t = new SequenceTracker();
        for (int i = 0; i < 100; i++) {
            t.onSequence(i);
        }
        assertThat(t.received()).isEqualTo(100);
        assertThat(t.duplicated()).isZero();
        assertThat(t.outOfOrder()).isZero();
        assertThat(t.lostIn(0, 100)).isZero();
    }

    @Test
    void countsLossDuplicatesAndReordering() {
        SequenceTracker t = new SequenceTracker();
        for (long s : new long[] {0, 1, 3, 2, 2, 5, 5, 5}) {
            t.onSequence(s);
        }
        assertThat(t.received()).isEqualTo(5);
        assertThat(t.duplicated()).isEqualTo(3);
        assertThat(t.outOfOrder()).isEqualTo(1);
        assertThat(t.lostIn(0, 6)).isEqualTo(1); // 4
        assertThat(t.lostIn(0, 8)).isEqualTo(3); // 4, 6, 7
        assertThat(t.receivedIn(2, 4)).isEqualTo(2);
    }

    @Test
    void aReconnectionsGapHoldsWhatTheOutageLost() {
        SequenceTracker t = new SequenceTracker();
        t.onSequence(0);
        t.onSequence(1);
        t.onSequence(3); // 2 lost while connected
        t.onReconnect();
        t.onReconnect(); // a second loss before any message: the same gap
        t.onSequence(7); // the gap: 4, 5, 6
        t.onSequence(9); // 8 lost while connected again
        assertThat(t.lostIn(0, 10)).isEqualTo(5);
        assertThat(t.lostInGaps(0, 10)).isEqualTo(3);
        assertThat(t.lostInGaps(5, 10)).as("clipped to the range").isEqualTo(2);
    }

    @Test
    void aResumedStreamFillsItsGap() {
        SequenceTracker t = new SequenceTracker();
        t.onSequence(0);
        t.onSequence(1);
        t.onReconnect();
        t.onSequence(2); // replayed from Last-Event-ID
        t.onSequence(3);
        assertThat(t.lostInGaps(0, 4)).isZero();
    }

    @Test
    void aGapStillOpenReachesToTheEndOfTheRange() {
        SequenceTracker t = new SequenceTracker();
        t.onSequence(0);
        t.onReconnect();
        assertThat(t.lostInGaps(0, 5)).isEqualTo(4);
        assertThat(t.lostIn(0, 5)).isEqualTo(4);
    }

    @Test
    void withSeveralSendersOrderIsJudgedPerSender() {
        // Senders 0 and 1 take turns: 0, 2, 4 are sender 0's; 1, 3, 5 sender 1's.
        SequenceTracker t = new SequenceTracker(2);
        for (long s : new long[] {2, 1, 0, 4, 3, 5}) {
            t.onSequence(s);
        }
        assertThat(t.outOfOrder()).as("only 0 came after a later message of its own sender (2)").isEqualTo(1);
        assertThat(t.received()).isEqualTo(6);
        assertThat(t.highest()).isEqualTo(5);
        assertThat(t.lostIn(0, 6)).isZero();
    }
}
