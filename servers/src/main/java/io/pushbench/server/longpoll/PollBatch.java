package io.pushbench.server.longpoll;

import io.netty.buffer.ByteBuf;
import io.pushbench.core.transport.PollBatchFormat;

/**
 * The body of one poll's answer while it is being filled, in the {@link PollBatchFormat}: takes
 * messages until it holds {@code maxMessages} of them or the next would push it past
 * {@code maxBytes}. The first message is always taken, however large, so that a message larger
 * than the byte bound still gets through, alone.
 *
 * <p>Not thread-safe: filled on one event loop.
 */
final class PollBatch {

    private final ByteBuf body;
    private final int maxMessages;
    private final int maxBytes;
    private long lastId;
    private int size;
    private boolean full;

    /**
     * @param body        where the lines are written; the caller owns it
     * @param after       the poll's {@code after}: the last id when no broadcast is taken
     * @param maxMessages messages per batch, {@code >= 1}
     * @param maxBytes    body bytes per batch, {@code >= 1}; exceeded only by a batch of one message
     */
    PollBatch(ByteBuf body, long after, int maxMessages, int maxBytes) {
        this.body = body;
        this.lastId = after;
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    /**
     * Takes one message, unless the batch is full.
     *
     * @param id a broadcast id, or {@link PollBatchFormat#DIRECT}
     * @return whether the message was taken; once false, the batch takes no more
     */
    boolean add(long id, String text) {
        if (full) {
            return false;
        }
        int before = body.writerIndex();
        PollBatchFormat.appendLine(body, id, text);
        if (size > 0 && body.readableBytes() > maxBytes) {
            body.writerIndex(before);
            full = true;
            return false;
        }
        size++;
        if (id != PollBatchFormat.DIRECT) {
            lastId = id;
        }
        full = size == maxMessages;
        return true;
    }

    /** Messages taken so far. */
    int size() {
        return size;
    }

    /** How many more messages may be taken, bytes allowing. */
    int room() {
        return full ? 0 : maxMessages - size;
    }

    /** The id to poll after next: the last broadcast taken, or the poll's own {@code after}. */
    long lastId() {
        return lastId;
    }

    /** The lines written so far. */
    ByteBuf body() {
        return body;
    }
}
