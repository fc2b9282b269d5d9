package io.pushbench.core.driver.longpoll;

import io.netty.buffer.ByteBuf;
import io.pushbench.core.transport.PollBatchFormat;

import io.pushbench.core.driver.netty.NettyHttpRequests;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * pushbench's own long-polling protocol: polls {@code <base>} with {@code after=<last id>} added
 * ({@code after=newest} on the first poll, which the server answers at once with the newest id,
 * so that the cursor starts there), answers in the {@link PollBatchFormat}, the id to poll after
 * next in their {@value PollBatchFormat#LAST_ID_HEADER} header. Not thread-safe (see {@link PollCursor}).
 */
final class PushbenchPollCursor extends PollCursor {

    private static final byte[] NEWEST = PollBatchFormat.AFTER_NEWEST.getBytes(StandardCharsets.US_ASCII);

    /** The request target of every poll up to the id: path, query, and {@code after=}. */
    private final byte[] targetBeforeId;
    private long after;
    private boolean hasAfter;

    PushbenchPollCursor(URI base) {
        super(base);
        this.targetBeforeId = (NettyHttpRequests.pathAndQuery(base) + (base.getRawQuery() == null ? "?" : "&")
                + PollBatchFormat.AFTER_PARAM + "=").getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether an answer gave this cursor an id: until then, a poll asks for it and cannot receive. */
    @Override
    public boolean hasCursor() {
        return hasAfter;
    }

    @Override
    public URI next() {
        return withParam(PollBatchFormat.AFTER_PARAM, hasAfter ? Long.toString(after) : PollBatchFormat.AFTER_NEWEST);
    }

    /** As {@link #next()}, without the URI: the id's digits written in place. */
    @Override
    public void writeNextTarget(ByteBuf out) {
        out.writeBytes(targetBeforeId);
        if (hasAfter) {
            writeDecimal(out, after);
        } else {
            out.writeBytes(NEWEST);
        }
    }

    /** Writes {@code value} in decimal digits (an empty history's id is -1). */
    private static void writeDecimal(ByteBuf out, long value) {
        if (value < 0) {
            out.writeByte('-');
        }
        long rest = Math.abs(value);
        int digits = 1;
        for (long r = rest / 10; r > 0; r /= 10) {
            digits++;
        }
        out.ensureWritable(digits);
        int at = out.writerIndex();
        for (int i = digits - 1; i >= 0; i--) {
            out.setByte(at + i, (int) ('0' + rest % 10));
            rest /= 10;
        }
        out.writerIndex(at + digits);
    }

    @Override
    protected void read(Headers headers, ByteBuf body, PollBatchFormat.LineHandler handler) {
        long lastId = headers.number(PollBatchFormat.LAST_ID_HEADER);
        if (lastId == NOT_A_NUMBER) {
            String value = headers.get(PollBatchFormat.LAST_ID_HEADER);
            throw malformed(value == null ? "no " + PollBatchFormat.LAST_ID_HEADER + " header (is this server speaking "
                    + "pushbench's long polling? see --poll-cursor)" : "the " + PollBatchFormat.LAST_ID_HEADER
                    + " header is not an id: " + value, null);
        }
        try {
            PollBatchFormat.decode(body, text, handler);
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage(), e);
        }
        after = lastId;
        hasAfter = true;
    }
}
