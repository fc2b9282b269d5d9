package io.pushbench.core.driver.longpoll;

import io.netty.buffer.ByteBuf;
import io.pushbench.core.transport.PollBatchFormat;

import java.net.URI;

/**
 * pushbench's own long-polling protocol: polls {@code <base>} with {@code after=<last id>} added
 * ({@code after=newest} on the first poll, which the server answers at once with the newest id,
 * so that the cursor starts there), answers in the {@link PollBatchFormat}, the id to poll after
 * next in their {@value PollBatchFormat#LAST_ID_HEADER} header. Not thread-safe (see {@link PollCursor}).
 */
final class PushbenchPollCursor extends PollCursor {

    private long after;
    private boolean hasAfter;

    PushbenchPollCursor(URI base) {
        super(base);
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

    @Override
    protected void read(Headers headers, ByteBuf body, PollBatchFormat.LineHandler handler) {
        long lastId = headers.number(PollBatchFormat.LAST_ID_HEADER);
        if (lastId < 0) {
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
