package io.pushbench.core.sse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ByteProcessor;
import io.pushbench.core.text.MessageText;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An incremental {@code text/event-stream} parser following the WHATWG HTML
 * <a href="https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation">event
 * stream interpretation</a> rules. Bytes are fed as they arrive, split anywhere (inside a line
 * ending or a multi-byte UTF-8 character too); every event the chunk completes is reported with
 * the chunk's receive time.
 *
 * <p>Lines are cut and fields matched on bytes, and text is decoded as UTF-8 only for values:
 * the line ending and {@code ':'} are ASCII, which UTF-8 never uses inside a multi-byte
 * character, so this gives the same result as decoding the stream first. Data lines are
 * collected as bytes, and values are reported as {@link MessageText} views of the parser's own
 * reused buffers; so parsing allocates nothing, unless a value is not ASCII (it is then decoded
 * to a string) or a buffer must grow.
 *
 * <table>
 *   <caption>Rules and limits</caption>
 *   <tr><th>rule</th><th>behaviour</th></tr>
 *   <tr><td>byte order mark</td><td>one UTF-8 BOM at the start of a stream is skipped</td></tr>
 *   <tr><td>line endings</td><td>CRLF, LF or CR; a CR ending one chunk and an LF starting the next are one ending</td></tr>
 *   <tr><td>{@code :text}</td><td>a comment, reported to {@link Listener#onComment} (heartbeats)</td></tr>
 *   <tr><td>{@code field:value}</td><td>one space after the colon is removed; a line without a colon is a field with an empty value</td></tr>
 *   <tr><td>{@code data}</td><td>appends the value and an LF to the event's data</td></tr>
 *   <tr><td>{@code event}</td><td>sets the event type (default {@value #DEFAULT_TYPE})</td></tr>
 *   <tr><td>{@code id}</td><td>sets the last event id, unless the value contains NUL; it persists across events</td></tr>
 *   <tr><td>{@code retry}</td><td>reported to {@link Listener#onRetry} when the value is all ASCII digits</td></tr>
 *   <tr><td>other fields</td><td>ignored</td></tr>
 *   <tr><td>empty line</td><td>dispatches the event (without its last LF), or nothing when no data was given</td></tr>
 *   <tr><td>longest line, and largest event data</td><td>{@value #DEFAULT_MAX_BYTES} bytes by default; more throws {@link SseLimitException}</td></tr>
 * </table>
 *
 * <p>Not thread-safe: one parser per stream, fed by one thread at a time (a channel's event loop).
 */
public final class SseParser {

    /** The event type when no {@code event} field was given. */
    public static final String DEFAULT_TYPE = "message";
    /** Default for the longest line and the largest event data: 16 MiB. */
    public static final int DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

    private static final byte[] DATA = ascii("data");
    private static final byte[] EVENT = ascii("event");
    private static final byte[] ID = ascii("id");
    private static final byte[] RETRY = ascii("retry");
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /**
     * Receives what the stream says. Called on the thread that feeds the parser. Text arguments are
     * views of the parser's buffers, valid only during the call: a listener that keeps one calls
     * {@code toString()}.
     */
    public interface Listener {

        /**
         * An event was dispatched.
         *
         * @param lastEventId   the last event id set on this stream so far, empty if none
         * @param type          the event type, {@value #DEFAULT_TYPE} unless the event set one
         * @param data          the event's data lines joined with LF
         * @param receivedNanos the receive time passed with the chunk that completed the event
         */
        void onEvent(CharSequence lastEventId, CharSequence type, CharSequence data, long receivedNanos);

        /** The server set the reconnection time, in milliseconds (0 or more). */
        default void onRetry(long millis) {
        }

        /** A comment line arrived (a heartbeat); {@code text} is what follows the colon, less one leading space. */
        default void onComment(CharSequence text) {
        }
    }

    private final Listener listener;
    private final Bytes line;
    private final Bytes data;
    private final Bytes type;
    /** The id buffer of the spec: set by {@code id} lines, persists across events, copied to the last event id on dispatch. */
    private final Bytes id;
    private final Bytes lastId;
    /** {@link #lastId} as a string, made when asked for and kept until the last event id changes. */
    private String lastIdString = "";
    private boolean hasType;
    private boolean atStreamStart = true;
    private boolean afterCr;

    /** A parser with the default limit of {@value #DEFAULT_MAX_BYTES} bytes per line and per event. */
    public SseParser(Listener listener) {
        this(listener, DEFAULT_MAX_BYTES);
    }

    /** @param maxBytes longest line and largest event data accepted, in bytes (1 or more) */
    public SseParser(Listener listener, int maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be >= 1, was " + maxBytes);
        }
        this.listener = listener;
        this.line = new Bytes("line", 256, maxBytes);
        this.data = new Bytes("event data", 256, maxBytes);
        // A type or an id is cut from one line, so it never outgrows the line's limit.
        this.type = new Bytes("event type", 16, maxBytes);
        this.id = new Bytes("id", 16, maxBytes);
        this.lastId = new Bytes("id", 16, maxBytes);
    }

    /**
     * Parses every readable byte of {@code chunk} (its reader index moves to its writer index; the
     * caller still owns and releases it) and reports the events it completes.
     *
     * @param receivedNanos when the chunk arrived, {@link System#nanoTime()}; passed to every event it completes
     * @throws SseLimitException when a line or an event's data outgrows the limit
     */
    public void feed(ByteBuf chunk, long receivedNanos) {
        feed(chunk, chunk.readerIndex(), chunk.readableBytes(), receivedNanos);
        chunk.readerIndex(chunk.writerIndex());
    }

    /**
     * Parses {@code length} bytes of {@code buf} from {@code index} (its indexes do not move) and
     * reports the events they complete.
     *
     * @param receivedNanos when the bytes arrived, {@link System#nanoTime()}; passed to every event they complete
     * @throws SseLimitException when a line or an event's data outgrows the limit
     */
    public void feed(ByteBuf buf, int index, int length, long receivedNanos) {
        int end = index + length;
        int at = index;
        while (at < end) {
            if (afterCr) {
                afterCr = false;
                if (buf.getByte(at) == '\n') {
                    at++;
                    continue;
                }
            }
            int lineEnd = buf.forEachByte(at, end - at, ByteProcessor.FIND_CRLF);
            if (lineEnd < 0) {
                line.append(buf, at, end - at);
                break;
            }
            line.append(buf, at, lineEnd - at);
            afterCr = buf.getByte(lineEnd) == '\r';
            processLine(receivedNanos);
            at = lineEnd + 1;
        }
    }

    /**
     * The stream ended: discards an unfinished line and event (the spec's end-of-file rule) and
     * expects a new stream, which may start with a BOM and starts with an empty id buffer.
     * {@link #lastEventId()} keeps its value until the new stream dispatches, as an
     * {@code EventSource}'s does across a reconnection.
     */
    public void endOfStream() {
        line.clear();
        data.clear();
        hasType = false;
        id.clear();
        atStreamStart = true;
        afterCr = false;
    }

    /** Whether bytes of an unfinished line or event are buffered: a complete stream leaves none. */
    public boolean hasPendingInput() {
        return line.length > 0 || data.length > 0 || hasType;
    }

    /** The last event id of the last dispatch, {@code ""} if none: what to send as {@code Last-Event-ID}. */
    public String lastEventId() {
        if (lastIdString == null) {
            lastIdString = lastId.text(0, lastId.length).toString();
        }
        return lastIdString;
    }

    private void processLine(long receivedNanos) {
        byte[] bytes = line.array;
        int start = 0;
        if (atStreamStart) {
            atStreamStart = false;
            if (line.length >= BOM.length && Arrays.equals(bytes, 0, BOM.length, BOM, 0, BOM.length)) {
                start = BOM.length;
            }
        }
        int length = line.length;
        line.clear();
        if (start == length) {
            dispatch(receivedNanos);
        } else if (bytes[start] == ':') {
            int value = valueStart(start + 1, length);
            listener.onComment(line.text(value, length - value));
        } else {
            processField(start, length);
        }
    }

    private void processField(int start, int end) {
        int colon = indexOf((byte) ':', start, end);
        int nameEnd = colon < 0 ? end : colon;
        int value = colon < 0 ? end : valueStart(colon + 1, end);
        if (fieldIs(DATA, start, nameEnd)) {
            data.append(line.array, value, end - value);
            data.append((byte) '\n');
        } else if (fieldIs(EVENT, start, nameEnd)) {
            type.clear();
            type.append(line.array, value, end - value);
            hasType = true;
        } else if (fieldIs(ID, start, nameEnd)) {
            if (indexOf((byte) 0, value, end) < 0) {
                id.clear();
                id.append(line.array, value, end - value);
            }
        } else if (fieldIs(RETRY, start, nameEnd)) {
            long millis = digits(value, end);
            if (millis >= 0) {
                listener.onRetry(millis);
            }
        }
    }

    private void dispatch(long receivedNanos) {
        if (!lastId.contentEquals(id)) {
            lastId.clear();
            lastId.append(id.array, 0, id.length);
            lastIdString = null;
        }
        boolean typed = hasType;
        hasType = false;
        if (data.length == 0) {
            return;
        }
        int dataLength = data.length - 1;
        data.clear();
        listener.onEvent(lastId.text(0, lastId.length), typed ? type.text(0, type.length) : DEFAULT_TYPE,
                data.text(0, dataLength), receivedNanos);
    }

    /** Where the value starts: after one optional space. */
    private int valueStart(int from, int end) {
        return from < end && line.array[from] == ' ' ? from + 1 : from;
    }

    private int indexOf(byte b, int from, int to) {
        byte[] bytes = line.array;
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private boolean fieldIs(byte[] name, int from, int to) {
        return Arrays.equals(line.array, from, to, name, 0, name.length);
    }

    /** The value as a number when it is one or more ASCII digits (saturating at Long.MAX_VALUE), else -1. */
    private long digits(int from, int to) {
        if (from == to) {
            return -1;
        }
        byte[] bytes = line.array;
        long value = 0;
        for (int i = from; i < to; i++) {
            if (bytes[i] < '0' || bytes[i] > '9') {
                return -1;
            }
            value = value > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : value * 10 + (bytes[i] - '0');
        }
        return value;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A growable byte buffer the parser reuses, with a {@link MessageText} view of its bytes. Its
     * bytes stay in place when it is {@link #clear cleared}, so a view taken before clearing still
     * reads them until the next append.
     */
    private static final class Bytes {
        private final String what;
        private final int maxBytes;
        private final MessageText view = new MessageText();
        byte[] array;
        /** {@link #array} as a buffer, for the view; wrapped again whenever the array grows. */
        private ByteBuf wrapped;
        int length;

        Bytes(String what, int initialBytes, int maxBytes) {
            this.what = what;
            this.maxBytes = maxBytes;
            this.array = new byte[Math.min(initialBytes, maxBytes)];
            this.wrapped = Unpooled.wrappedBuffer(array);
        }

        void clear() {
            length = 0;
        }

        void append(ByteBuf from, int index, int count) {
            ensureCapacity(length + count);
            from.getBytes(index, array, length, count);
            length += count;
        }

        void append(byte[] from, int index, int count) {
            ensureCapacity(length + count);
            System.arraycopy(from, index, array, length, count);
            length += count;
        }

        void append(byte b) {
            ensureCapacity(length + 1);
            array[length++] = b;
        }

        boolean contentEquals(Bytes other) {
            return Arrays.equals(array, 0, length, other.array, 0, other.length);
        }

        /** The text of {@code count} bytes from {@code index}: the reused view when ASCII, else a decoded string. */
        CharSequence text(int index, int count) {
            return view.of(wrapped, index, count);
        }

        private void ensureCapacity(int needed) {
            if (needed > maxBytes) {
                throw new SseLimitException("SSE " + what + " longer than " + maxBytes + " bytes");
            }
            if (needed > array.length) {
                array = Arrays.copyOf(array, (int) Math.min(maxBytes, Math.max(needed, 2L * array.length)));
                wrapped = Unpooled.wrappedBuffer(array);
            }
        }
    }
}
