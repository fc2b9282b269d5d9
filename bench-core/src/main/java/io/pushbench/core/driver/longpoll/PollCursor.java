package io.pushbench.core.driver.longpoll;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.pushbench.core.driver.DriverErrors;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.text.MessageText;
import io.pushbench.core.driver.netty.NettyHttpRequests;
import io.pushbench.core.transport.PollBatchFormat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * The stack-neutral half of a long-polling client, for every driver: where the next poll goes and
 * with which headers, and how an answer is read and moves the cursor on. One subclass per
 * protocol ({@link PollCursorStrategy}); every driver (Netty's {@link NettyPoller}, Jetty's and
 * OkHttp's {@link PollingConnection}) asks its cursor and speaks none itself.
 *
 * <p>Every protocol treats {@code 204 No Content}, {@code 304 Not Modified} and
 * {@code 408 Request Timeout} as "no message yet": the cursor stays, the client polls again.
 * Any other status but 200 is an {@link ErrorKind#HTTP_STATUS} error.
 *
 * <p>Not thread-safe: one per polling client, which has one poll in flight at a time.
 */
public abstract class PollCursor {

    /** A response's headers, read by name, case-insensitively; null when absent. */
    @FunctionalInterface
    public interface Headers {
        String get(String name);

        /**
         * The header's value as a decimal number (blanks around it allowed), or {@link #NOT_A_NUMBER}
         * when it is absent or not one. A stack that reads headers in place overrides it, to make no string.
         */
        default long number(String name) {
            String value = get(name);
            if (value == null) {
                return NOT_A_NUMBER;
            }
            try {
                return Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                return NOT_A_NUMBER;
            }
        }
    }

    /** What {@link Headers#number} gives for a header that is absent or not a number. */
    public static final long NOT_A_NUMBER = Long.MIN_VALUE;

    /** The poll endpoint, with the client's own query parameters. */
    protected final URI base;
    /** {@link #base} up to its fragment, with the separator a parameter added to its query takes: worked out once, not per poll. */
    private final String beforeParam;
    /** {@link #base}'s fragment, with its {@code #}, or empty. */
    private final String fragment;
    /** The reused view messages are handed over in. */
    protected final MessageText text = new MessageText();

    protected PollCursor(URI base) {
        this.base = base;
        String s = base.toString();
        int hash = s.indexOf('#');
        this.beforeParam = (hash < 0 ? s : s.substring(0, hash)) + (base.getRawQuery() == null ? "?" : "&");
        this.fragment = hash < 0 ? "" : s.substring(hash);
    }

    /**
     * Whether a poll written now can receive: whether the server knows where this client is (for
     * pushbench's protocol, only once the first answer gave an id; for the others, from the first
     * poll on, which the server holds from its newest message).
     */
    public abstract boolean hasCursor();

    /** The URI of the next poll. */
    public abstract URI next();

    /**
     * Writes the request target of the next poll (its raw path and query, as {@link #next()} has
     * them) into {@code out}, in ASCII. This default makes the URI; a cursor that polls often
     * writes it without.
     */
    public void writeNextTarget(ByteBuf out) {
        ByteBufUtil.writeAscii(out, NettyHttpRequests.pathAndQuery(next()));
    }

    /** Hands the next poll's request headers, beyond the target's own, to {@code into} (name, value). */
    public void headers(BiConsumer<String, String> into) {
    }

    /** As {@link #answer(int, Headers, ByteBuf, PollBatchFormat.LineHandler)}, for a body read into an array. */
    public final void answer(int status, Headers headers, byte[] body, PollBatchFormat.LineHandler handler) {
        answer(status, headers, Unpooled.wrappedBuffer(body), handler);
    }

    /**
     * Reads one answer: hands each of its messages to {@code handler}, in order, and moves the
     * cursor past them.
     *
     * @param status  the HTTP status
     * @param headers the answer's headers
     * @param body    the whole body, read without copying
     * @throws DriverException {@link ErrorKind#HTTP_STATUS} for a status other than 200 and the
     *                         "no message yet" ones, {@link ErrorKind#PROTOCOL} for an answer that
     *                         lacks the cursor or breaks the format; the cursor does not move then
     */
    public final void answer(int status, Headers headers, ByteBuf body, PollBatchFormat.LineHandler handler) {
        if (noMessageYet(status)) {
            return;
        }
        if (status != 200) {
            throw DriverErrors.httpStatus(status, "poll answered HTTP " + status);
        }
        read(headers, body, handler);
    }

    /** Whether {@code status} says that nothing came yet: 204, 304, or 408 (the server's poll timeout). */
    public static boolean noMessageYet(int status) {
        return status == 204 || status == 304 || status == 408;
    }

    /** Reads a 200 answer; throws {@link ErrorKind#PROTOCOL} without moving the cursor when it is malformed. */
    protected abstract void read(Headers headers, ByteBuf body, PollBatchFormat.LineHandler handler);

    /** A protocol error naming the answer's fault. */
    protected static DriverException malformed(String what, Throwable cause) {
        return new DriverException(ErrorKind.PROTOCOL, "malformed poll answer: " + what, cause);
    }

    /** {@link #base} with {@code name=value} added to its query (the value URL-encoded), before any fragment. */
    protected final URI withParam(String name, String value) {
        return URI.create(beforeParam + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8) + fragment);
    }

    /**
     * Hands over the messages of a body in a server's own format: each envelope found in it (from
     * its {@code pb1:} to the next one, or the end), so that a server that batches several
     * messages in one answer, in any framing, loses none; a body without an envelope is handed
     * over whole (the listener counts it as undecodable), an empty one is no message (a
     * heartbeat). Text before the first envelope is framing, not a message.
     */
    protected final void deliverEnvelopes(ByteBuf body, PollBatchFormat.LineHandler handler) {
        int from = body.readerIndex();
        int end = body.writerIndex();
        int at = EnvelopeScan.next(body, from, end);
        if (at < 0) {
            if (end > from) {
                handler.onMessage(PollBatchFormat.DIRECT, text.of(body, from, end - from));
            }
        } else {
            while (at >= 0) {
                int following = EnvelopeScan.next(body, at + 1, end);
                int to = following < 0 ? end : following;
                handler.onMessage(PollBatchFormat.DIRECT, text.of(body, at, to - at));
                at = following;
            }
        }
        body.readerIndex(end);
    }
}
