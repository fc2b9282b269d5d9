package io.pushbench.core.driver.longpoll;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.pushbench.core.driver.DriverErrors;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.text.MessageText;
import io.pushbench.core.transport.PollBatchFormat;

import java.net.URI;

/**
 * The stack-neutral half of a long-polling client, for every driver: where the next poll goes
 * ({@code <target uri>} with {@code after=<last id>} added; {@code after=newest} on the first poll,
 * which the server answers at once with the newest id, so that the cursor starts there) and how an answer is read ({@link PollBatchFormat}, the id to poll after
 * next in its {@value PollBatchFormat#LAST_ID_HEADER} header).
 *
 * <p>Not thread-safe: one per polling client, which has one poll in flight at a time.
 */
public final class PollCursor {

    private final URI base;
    private final MessageText text = new MessageText();
    private long after;
    private boolean hasAfter;

    /** @param base the poll endpoint, with the client's own query parameters */
    public PollCursor(URI base) {
        this.base = base;
    }

    /**
     * Whether an answer has given this cursor an id: until then, a poll cannot receive (its
     * {@value PollBatchFormat#AFTER_PARAM} is {@value PollBatchFormat#AFTER_NEWEST}, which asks
     * for the id).
     */
    public boolean hasCursor() {
        return hasAfter;
    }

    /** The URI of the next poll. */
    public URI next() {
        String text = base.toString();
        String param = PollBatchFormat.AFTER_PARAM + "=" + (hasAfter ? Long.toString(after) : PollBatchFormat.AFTER_NEWEST);
        int fragment = text.indexOf('#');
        String head = fragment < 0 ? text : text.substring(0, fragment);
        String tail = fragment < 0 ? "" : text.substring(fragment);
        return URI.create(head + (base.getRawQuery() == null ? "?" : "&") + param + tail);
    }

    /**
     * Reads one answer: hands each message of its batch to {@code handler}, in order, and moves the
     * cursor past it.
     *
     * @param status       the HTTP status
     * @param lastIdHeader the {@value PollBatchFormat#LAST_ID_HEADER} header's value, or null
     * @param body         the whole body
     * @throws DriverException {@link ErrorKind#HTTP_STATUS} for a status other than 200,
     *                         {@link ErrorKind#PROTOCOL} for a missing header or a malformed body;
     *                         the cursor does not move then
     */
    public void answer(int status, String lastIdHeader, byte[] body, PollBatchFormat.LineHandler handler) {
        answer(status, lastIdHeader, Unpooled.wrappedBuffer(body), handler);
    }

    /** As {@link #answer(int, String, byte[], PollBatchFormat.LineHandler)}, reading {@code body} without copying it. */
    public void answer(int status, String lastIdHeader, ByteBuf body, PollBatchFormat.LineHandler handler) {
        if (status != 200) {
            throw DriverErrors.httpStatus(status, "poll answered HTTP " + status);
        }
        long lastId;
        try {
            lastId = Long.parseLong(lastIdHeader == null ? "" : lastIdHeader.trim());
            PollBatchFormat.decode(body, text, handler);
        } catch (IllegalArgumentException e) {
            // NumberFormatException included: a missing or non-numeric last-id header.
            throw new DriverException(ErrorKind.PROTOCOL, "malformed poll answer: " + e.getMessage(), e);
        }
        after = lastId;
        hasAfter = true;
    }
}
