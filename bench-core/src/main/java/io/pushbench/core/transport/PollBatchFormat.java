package io.pushbench.core.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.pushbench.core.text.MessageText;

import java.nio.charset.StandardCharsets;

/**
 * The body of a long-polling answer: how pushbench's reference server writes a batch of messages
 * and its drivers read it. A line-oriented text that a shell loop or any HTTP client can split.
 *
 * <h2>Wire format</h2>
 * <pre>
 *   body = *line                 ; empty when the poll timed out (the long-polling heartbeat)
 *   line = id SP text LF
 *   id   = 1*18DIGIT / "-"       ; the broadcast's id, or "-" for a message sent to this client alone
 *   text = the message in UTF-8, with "\" written "\\", LF written "\n" and CR written "\r"
 * </pre>
 * Envelopes ({@code [0-9a-z:;x-]}) never need escaping, so on the measured path a line is the
 * id, a space and the message's own bytes. The answer's {@value #LAST_ID_HEADER} header holds
 * the id to poll after next ({@code ?}{@value #AFTER_PARAM}{@code =<last id>}): the last
 * broadcast in the batch, or the poll's own {@code after} when the batch has none.
 *
 * <p>Example: the header and the body (each line ending in LF) of a batch holding one direct
 * message and two broadcasts, the second of which has two lines:
 * <pre>
 *   Pushbench-Last-Id: 42
 *
 *   - pong
 *   41 pb1:41:1000:20;xxxx
 *   42 a message of\ntwo lines
 * </pre>
 *
 * <p>Thread-safe: stateless.
 */
public final class PollBatchFormat {

    /** The query parameter of a poll naming the last broadcast id the client has. */
    public static final String AFTER_PARAM = "after";
    /**
     * The {@value #AFTER_PARAM} of a client's first poll, which has no id yet: the server answers it
     * at once, with no messages and the newest broadcast's id in {@value #LAST_ID_HEADER}. Only
     * once that answer is in does the client hold a cursor the server will honour, so only then
     * can it receive: every broadcast after that id reaches it, however late its next poll arrives.
     */
    public static final String AFTER_NEWEST = "newest";
    /** The response header naming the id to poll after next. */
    public static final String LAST_ID_HEADER = "Pushbench-Last-Id";
    /** The id written for a message sent to one client, which has no place in the broadcast order. */
    public static final long DIRECT = -1;

    private static final byte LF = '\n';
    private static final byte SP = ' ';
    private static final byte BACKSLASH = '\\';
    private static final int MAX_ID_DIGITS = 18;

    /** Receives the messages of a decoded batch, in order. */
    @FunctionalInterface
    public interface LineHandler {
        /**
         * @param id   the broadcast id, {@code >= 0}, or {@link #DIRECT}
         * @param text the message, unescaped: a view of the body valid during the call only (a
         *             handler that keeps it calls {@code toString()})
         */
        void onMessage(long id, CharSequence text);
    }

    private PollBatchFormat() {
    }

    /**
     * Appends one line to {@code body}.
     *
     * @param id the broadcast id, {@code >= 0}, or {@link #DIRECT}
     */
    public static void appendLine(ByteBuf body, long id, CharSequence text) {
        if (id == DIRECT) {
            body.writeByte('-');
        } else if (id >= 0) {
            body.writeCharSequence(Long.toString(id), StandardCharsets.US_ASCII);
        } else {
            throw new IllegalArgumentException("id must be >= 0 or DIRECT, was " + id);
        }
        body.writeByte(SP);
        ByteBufUtil.writeUtf8(body, needsEscaping(text) ? escape(text) : text);
        body.writeByte(LF);
    }

    /**
     * Reads every line of {@code body}, from its reader index to its writer index, and consumes it.
     * Allocates a view for the lines: a receiver reading answer after answer passes its own to
     * {@link #decode(ByteBuf, MessageText, LineHandler)}.
     *
     * @throws IllegalArgumentException as {@link #decode(ByteBuf, MessageText, LineHandler)} does
     */
    public static void decode(ByteBuf body, LineHandler handler) {
        decode(body, new MessageText(), handler);
    }

    /**
     * Reads every line of {@code body}, from its reader index to its writer index, and consumes it.
     * A line that needs no unescaping (every envelope) is handed over as {@code text}, a view of
     * the body's bytes, so reading a batch allocates nothing; one that does is handed over as a
     * new string.
     *
     * @param text the reused view the lines are handed over in
     * @throws IllegalArgumentException naming the byte offset when a line is malformed: no final
     *                                  LF, no space after the id, an id that is not a number or
     *                                  {@code -}, or an escape other than {@code \\ \n \r}
     */
    public static void decode(ByteBuf body, MessageText text, LineHandler handler) {
        int end = body.writerIndex();
        int start = body.readerIndex();
        while (start < end) {
            int lf = body.indexOf(start, end, LF);
            if (lf < 0) {
                throw new IllegalArgumentException("line at byte " + start + " has no final LF");
            }
            int sp = body.indexOf(start, lf, SP);
            if (sp < 0) {
                throw new IllegalArgumentException("line at byte " + start + " has no space after its id");
            }
            long id = parseId(body, start, sp);
            int from = sp + 1;
            int length = lf - from;
            handler.onMessage(id, body.indexOf(from, lf, BACKSLASH) < 0 ? text.of(body, from, length)
                    : unescape(body.toString(from, length, StandardCharsets.UTF_8), from));
            start = lf + 1;
        }
        body.readerIndex(end);
    }

    private static long parseId(ByteBuf body, int from, int to) {
        int length = to - from;
        if (length == 1 && body.getByte(from) == '-') {
            return DIRECT;
        }
        if (length == 0 || length > MAX_ID_DIGITS) {
            throw new IllegalArgumentException("line at byte " + from + " has no id of 1 to 18 digits");
        }
        long id = 0;
        for (int i = from; i < to; i++) {
            byte b = body.getByte(i);
            if (b < '0' || b > '9') {
                throw new IllegalArgumentException("line at byte " + from + " has an id that is not a number");
            }
            id = id * 10 + (b - '0');
        }
        return id;
    }

    private static boolean needsEscaping(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    private static String escape(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String unescape(String text, int offset) {
        int backslash = text.indexOf('\\');
        if (backslash < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        out.append(text, 0, backslash);
        for (int i = backslash; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
            switch (next) {
                case '\\' -> out.append('\\');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                default -> throw new IllegalArgumentException("text at byte " + offset
                        + " has an escape other than \\\\, \\n or \\r");
            }
            i++;
        }
        return out.toString();
    }
}
