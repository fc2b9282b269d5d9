package io.pushbench.core.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The long-polling batch format, one rule per test, from literal wire text. */
class PollBatchFormatTest {

    private record Line(long id, String text) {
    }

    private static List<Line> decode(String wire) {
        List<Line> lines = new ArrayList<>();
        ByteBuf body = Unpooled.copiedBuffer(wire, StandardCharsets.UTF_8);
        PollBatchFormat.decode(body, (id, text) -> lines.add(new Line(id, text.toString())));
        assertThat(body.isReadable()).as("nothing left unread").isFalse();
        return lines;
    }

    private static String encode(long id, String text) {
        ByteBuf body = Unpooled.buffer();
        PollBatchFormat.appendLine(body, id, text);
        return body.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anEmptyBodyIsAnEmptyBatch() {
        assertThat(decode("")).isEmpty();
    }

    @Test
    void aLineIsTheIdASpaceTheTextAndALineFeed() {
        assertThat(encode(42, "pb1:1:2:3;xx")).isEqualTo("42 pb1:1:2:3;xx\n");
        assertThat(decode("42 pb1:1:2:3;xx\n0 a\n")).containsExactly(new Line(42, "pb1:1:2:3;xx"), new Line(0, "a"));
    }

    @Test
    void aDirectMessageHasADashForItsId() {
        assertThat(encode(PollBatchFormat.DIRECT, "pong")).isEqualTo("- pong\n");
        assertThat(decode("- pong\n")).containsExactly(new Line(PollBatchFormat.DIRECT, "pong"));
    }

    @Test
    void backslashLineFeedAndCarriageReturnAreEscaped() {
        String text = "a\\b\nc\rd";
        assertThat(encode(1, text)).isEqualTo("1 a\\\\b\\nc\\rd\n");
        assertThat(decode(encode(1, text))).containsExactly(new Line(1, text));
    }

    @Test
    void anEmptyTextAndSpacesInTheTextSurvive() {
        assertThat(decode(encode(3, "") + encode(4, " two  spaces "))).containsExactly(new Line(3, ""),
                new Line(4, " two  spaces "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"é", "日本語", "emoji \uD83D\uDE00"})
    void textIsUtf8(String text) {
        assertThat(encode(5, text).getBytes(StandardCharsets.UTF_8)).hasSize(3 + text.getBytes(StandardCharsets.UTF_8).length);
        assertThat(decode(encode(5, text))).containsExactly(new Line(5, text));
    }

    @Test
    void theLargestIdHas18Digits() {
        assertThat(decode("999999999999999999 x\n")).containsExactly(new Line(999_999_999_999_999_999L, "x"));
        assertThatThrownBy(() -> decode("1000000000000000000 x\n")).hasMessageContaining("1 to 18 digits");
    }

    @Test
    void malformedLinesAreRejectedNamingTheirOffset() {
        assertThatThrownBy(() -> decode("1 a\n2 b")).hasMessage("line at byte 4 has no final LF");
        assertThatThrownBy(() -> decode("1a\n")).hasMessage("line at byte 0 has no space after its id");
        assertThatThrownBy(() -> decode(" a\n")).hasMessageContaining("no id");
        assertThatThrownBy(() -> decode("x1 a\n")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> decode("1 a\\tb\n")).hasMessageContaining("escape");
        assertThatThrownBy(() -> decode("1 a\\\n")).hasMessageContaining("escape");
    }

    @Test
    void aNegativeIdOtherThanDirectCannotBeWritten() {
        assertThatThrownBy(() -> encode(-2, "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
