package io.pushbench.server.longpoll;

import io.netty.buffer.Unpooled;
import io.pushbench.core.transport.PollBatchFormat;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Filling one answer: the message and byte bounds, at their edges. */
class PollBatchTest {

    private static String text(PollBatch batch) {
        return batch.body().toString(StandardCharsets.UTF_8);
    }

    @Test
    void anEmptyBatchHasAnEmptyBodyAndThePollsOwnAfter() {
        PollBatch batch = new PollBatch(Unpooled.buffer(), 41, 3, 100);
        assertThat(text(batch)).isEmpty();
        assertThat(batch.lastId()).isEqualTo(41);
        assertThat(batch.room()).isEqualTo(3);
    }

    @Test
    void takesExactlyTheMaximumNumberOfMessages() {
        PollBatch batch = new PollBatch(Unpooled.buffer(), -1, 3, 100);
        assertThat(batch.add(0, "a")).isTrue();
        assertThat(batch.add(1, "b")).isTrue();
        assertThat(batch.add(2, "c")).isTrue();
        assertThat(batch.room()).isZero();
        assertThat(batch.add(3, "d")).isFalse();
        assertThat(text(batch)).isEqualTo("0 a\n1 b\n2 c\n");
        assertThat(batch.lastId()).isEqualTo(2);
    }

    @Test
    void stopsBeforeTheByteBoundAndTakesNothingMore() {
        // "0 abc\n" is 6 bytes: two lines fit in 12, a third does not.
        PollBatch batch = new PollBatch(Unpooled.buffer(), -1, 10, 12);
        assertThat(batch.add(0, "abc")).isTrue();
        assertThat(batch.add(1, "abc")).isTrue();
        assertThat(batch.add(2, "abc")).isFalse();
        assertThat(batch.add(3, "")).as("full once a message did not fit").isFalse();
        assertThat(text(batch)).isEqualTo("0 abc\n1 abc\n");
        assertThat(batch.lastId()).isEqualTo(1);
    }

    @Test
    void aMessageLargerThanTheByteBoundGoesAlone() {
        PollBatch batch = new PollBatch(Unpooled.buffer(), -1, 10, 4);
        assertThat(batch.add(7, "larger than four bytes")).isTrue();
        assertThat(batch.add(8, "x")).isFalse();
        assertThat(text(batch)).isEqualTo("7 larger than four bytes\n");
    }

    @Test
    void directMessagesDoNotMoveTheLastId() {
        PollBatch batch = new PollBatch(Unpooled.buffer(), 5, 10, 100);
        batch.add(PollBatchFormat.DIRECT, "pong");
        assertThat(batch.lastId()).isEqualTo(5);
        batch.add(6, "m");
        assertThat(text(batch)).isEqualTo("- pong\n6 m\n");
        assertThat(batch.lastId()).isEqualTo(6);
    }

    @Test
    void escapedTextCountsAtItsEscapedSize() {
        // "0 a\\nb\n" is 7 bytes on the wire for the 3-character text "a\nb".
        PollBatch batch = new PollBatch(Unpooled.buffer(), -1, 10, 7);
        assertThat(batch.add(0, "a\nb")).isTrue();
        assertThat(batch.add(1, "")).isFalse();
        assertThat(text(batch)).isEqualTo("0 a\\nb\n");
    }
}
