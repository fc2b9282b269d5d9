package io.pushbench.core.text;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The text of one received message as a view of its bytes, reused from message to message, so
 * that handing a message to a {@link io.pushbench.core.driver.ConnectionListener} copies nothing
 * and allocates nothing.
 *
 * <p>{@link #of} returns this view when the bytes are all ASCII, as envelopes are
 * ({@code [0-9a-z:;x-]}), and otherwise a new {@link String} decoded from them as UTF-8: a view
 * that read multi-byte characters one byte per {@code char} would show a message other than the
 * one sent. The view reads the buffer it was given and is valid only until the next {@link #of}
 * and while that buffer is not released: a receiver that keeps the text calls {@link #toString()}.
 *
 * <p>Not thread-safe: one per connection (or per parser), used on that connection's I/O thread.
 */
public final class MessageText implements CharSequence {

    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private ByteBuf bytes;
    private int index;
    private int length;

    /**
     * The text of {@code length} bytes of {@code buf} from {@code index} (neither index moves).
     *
     * @return this view when the bytes are all ASCII, else the bytes decoded as UTF-8
     */
    public CharSequence of(ByteBuf buf, int index, int length) {
        if (!isAscii(buf, index, length)) {
            return buf.toString(index, length, StandardCharsets.UTF_8);
        }
        this.bytes = buf;
        this.index = index;
        this.length = length;
        return this;
    }

    /** The text of {@code buf}'s readable bytes (see {@link #of(ByteBuf, int, int)}). */
    public CharSequence of(ByteBuf buf) {
        return of(buf, buf.readerIndex(), buf.readableBytes());
    }

    /** Whether {@code length} bytes of {@code buf} from {@code index} are all ASCII (below 0x80). */
    public static boolean isAscii(ByteBuf buf, int index, int length) {
        int end = index + length;
        int i = index;
        // Eight bytes at a time: a byte at or above 0x80 sets its high bit.
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            if ((buf.getLong(i) & HIGH_BITS) != 0) {
                return false;
            }
        }
        for (; i < end; i++) {
            if (buf.getByte(i) < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int i) {
        return (char) bytes.getByte(index + Objects.checkIndex(i, length));
    }

    /** A copy of the characters from {@code start} to {@code end}, as a new string. */
    @Override
    public CharSequence subSequence(int start, int end) {
        Objects.checkFromToIndex(start, end, length);
        return bytes.toString(index + start, end - start, StandardCharsets.US_ASCII);
    }

    /** A copy of the text, as a new string: what a receiver that keeps the text holds on to. */
    @Override
    public String toString() {
        return length == 0 ? "" : bytes.toString(index, length, StandardCharsets.US_ASCII);
    }
}
