package io.pushbench.core.text;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reused view of a message's bytes: ASCII is viewed in place, anything else decoded as UTF-8. */
class MessageTextTest {

    @Test
    void asciiBytesAreViewedInPlace() {
        MessageText view = new MessageText();
        ByteBuf buf = Unpooled.copiedBuffer("--pb1:7:8:9;xx--", StandardCharsets.US_ASCII);

        CharSequence text = view.of(buf, 2, 12);

        assertThat(text).isSameAs(view);
        assertThat(text.length()).isEqualTo(12);
        assertThat(text.charAt(0)).isEqualTo('p');
        assertThat(text.toString()).isEqualTo("pb1:7:8:9;xx");
        assertThat(text.subSequence(4, 9).toString()).isEqualTo("7:8:9");
        assertThat(buf.readerIndex()).as("the buffer's indexes do not move").isZero();
    }

    @Test
    void theSameViewServesTheNextMessage() {
        MessageText view = new MessageText();
        assertThat(view.of(Unpooled.copiedBuffer("first", StandardCharsets.US_ASCII)).toString()).isEqualTo("first");
        assertThat(view.of(Unpooled.copiedBuffer("second", StandardCharsets.US_ASCII)).toString()).isEqualTo("second");
    }

    @Test
    void textThatIsNotAsciiIsDecodedAsUtf8() {
        MessageText view = new MessageText();
        CharSequence text = view.of(Unpooled.copiedBuffer("日本 😀 x", StandardCharsets.UTF_8));
        assertThat(text).isInstanceOf(String.class).hasToString("日本 😀 x");
    }

    @Test
    void anEmptyTextIsEmpty() {
        assertThat(new MessageText().toString()).isEmpty();
        assertThat(new MessageText().of(Unpooled.EMPTY_BUFFER).length()).isZero();
    }

    @Test
    void indexesOutsideTheTextAreRefused() {
        CharSequence text = new MessageText().of(Unpooled.copiedBuffer("abcdef", StandardCharsets.US_ASCII), 1, 3);
        assertThatThrownBy(() -> text.charAt(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> text.charAt(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> text.subSequence(2, 4)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    /** The check reads eight bytes at a time, then the rest one by one: a high bit is found wherever it is. */
    @ParameterizedTest
    @ValueSource(ints = {1, 7, 8, 9, 15, 16, 17, 64, 65})
    void aNonAsciiByteIsFoundAtEveryPosition(int length) {
        for (int at = 0; at < length; at++) {
            byte[] bytes = new byte[length + 2];
            Arrays.fill(bytes, (byte) 'x');
            bytes[1 + at] = (byte) 0x80;
            ByteBuf buf = Unpooled.wrappedBuffer(bytes);
            assertThat(MessageText.isAscii(buf, 1, length)).as("0x80 at %d of %d", at, length).isFalse();
            assertThat(MessageText.isAscii(buf, 1 + at + 1, length - at - 1)).as("after it").isTrue();
        }
    }
}
