package io.pushbench.core.genfloor;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;

/**
 * One fixed message, encoded once and laid out back to back a number of times in one direct
 * buffer, so that writing {@code k} of them is writing a slice of {@code k} copies: no encoding
 * and no copying per message, only a pooled slice per write. What the bare clients of the
 * generator floor send (pre-masked WebSocket frames, HTTP publish requests).
 *
 * <p>Not thread-safe: used on one event loop; release it there once its writes are done.
 */
final class RepeatedMessage {

    /** Most bytes laid out: bursts beyond it go out as several slices. */
    static final int MAX_BUFFER_BYTES = 256 * 1024;

    private final ByteBuf copies;
    private final int length;
    private final int perSlice;

    /**
     * @param message   the encoded message
     * @param burst     how many copies one write usually needs (at most {@link #MAX_BUFFER_BYTES} in all are kept)
     */
    RepeatedMessage(byte[] message, int burst) {
        this.length = message.length;
        this.perSlice = Math.max(1, Math.min(burst, MAX_BUFFER_BYTES / Math.max(1, length)));
        this.copies = Unpooled.directBuffer(perSlice * length);
        for (int i = 0; i < perSlice; i++) {
            copies.writeBytes(message);
        }
    }

    /** Bytes of one message. */
    int length() {
        return length;
    }

    /** Writes {@code count} copies to {@code channel} without flushing; failures reach its pipeline. */
    void write(Channel channel, int count) {
        while (count > 0) {
            int k = Math.min(count, perSlice);
            channel.write(copies.retainedSlice(0, k * length), channel.voidPromise());
            count -= k;
        }
    }

    /** Frees the buffer (slices still queued keep it until written). */
    void release() {
        copies.release();
    }
}
