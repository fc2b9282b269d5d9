package io.pushbench.core.sse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The encoder's wire text, and that {@link SseParser} reads every encoded event back unchanged. */
class SseEventsTest {

    @Test
    void anEventWithIdAndTypeIsThreeLinesAndAnEmptyLine() {
        assertThat(SseEvents.eventText("42", "tick", "hello")).isEqualTo("id: 42\nevent: tick\ndata: hello\n\n");
    }

    @Test
    void withoutIdAndTypeOnlyDataIsWritten() {
        assertThat(SseEvents.eventText(null, null, "x")).isEqualTo("data: x\n\n");
    }

    @Test
    void emptyDataIsOneEmptyDataLine() {
        assertThat(SseEvents.eventText(null, null, "")).isEqualTo("data:\n\n");
    }

    @Test
    void multiLineDataIsSplitAtEveryLineEnding() {
        assertThat(SseEvents.eventText(null, null, "a\nb\r\nc\rd\n"))
                .isEqualTo("data: a\ndata: b\ndata: c\ndata: d\ndata:\n\n");
    }

    @Test
    void retryAndCommentAreSingleLines() {
        ByteBuf out = Unpooled.buffer();
        SseEvents.writeRetry(out, 1000);
        SseEvents.writeComment(out, "hb");
        SseEvents.writeComment(out, "");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("retry: 1000\n: hb\n:\n");
        out.release();
    }

    @Test
    void idsAndTypesWithLineEndingsAreRefused() {
        assertThatThrownBy(() -> SseEvents.eventText("1\n2", null, "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line ending");
        assertThatThrownBy(() -> SseEvents.eventText("1\0", null, "x")).hasMessageContaining("NUL");
        assertThatThrownBy(() -> SseEvents.eventText(null, "a\rb", "x")).hasMessageContaining("event type");
    }

    @Test
    void theParserReadsEncodedEventsBackUnchanged() {
        List<String> seen = new ArrayList<>();
        SseParser parser = new SseParser((id, type, data, nanos) -> seen.add(id + "|" + type + "|" + data));
        ByteBuf out = Unpooled.buffer();
        SseEvents.writeRetry(out, 5);
        SseEvents.writeEvent(out, "1", null, " leading space, ünïcode 😀");
        SseEvents.writeEvent(out, "2", "custom", "two\nlines");
        SseEvents.writeComment(out, "hb");
        SseEvents.writeEvent(out, null, null, "");
        parser.feed(out, 0);
        out.release();
        assertThat(seen).containsExactly("1|message| leading space, ünïcode 😀", "2|custom|two\nlines", "2|message|");
        assertThat(parser.hasPendingInput()).isFalse();
    }
}
