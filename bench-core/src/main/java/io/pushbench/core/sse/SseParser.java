package io.pushbench.core.sse;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

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
 * collected as bytes and decoded once per event; the line and data buffers are reused, so
 * parsing allocates only the strings it reports.
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

    /** Receives what the stream says. Called on the thread that feeds the parser. */
    public interface Listener {

        /**
         * An event was dispatched.
         *
         * @param lastEventId   the last event id set on this stream so far, {@code ""} if none
         * @param type          the event type, {@value #DEFAULT_TYPE} unless the event set one
         * @param data          the event's data lines joined with LF
         * @param receivedNanos the receive time passed with the chunk that completed the event
         */
        void onEvent(String lastEventId, String type, String data, long receivedNanos);

        /** The server set the reconnection time, in milliseconds (0 or more). */
        default void onRetry(long millis) {
        }

        /** A comment line arrived (a heartbeat); {@code text} is what follows the colon, less one leading space. */
        default void onComment(String text) {
        }
    }

    private final Listener listener;
    private final int maxBytes;
    private byte[] line = new byte[256];
    private int lineLength;
    private byte[] data = new byte[256];
    private int dataLength;
    private String type;
    private String idBuffer = "";
    private String lastEventId = "";
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
        this.maxBytes = maxBytes;
    }

    /**
     * Parses every readable byte of {@code chunk} (its reader index moves to its writer index; the
     * caller still owns and releases it) and reports the events it completes.
     *
     * @param receivedNanos when the chunk arrived, {@link System#nanoTime()}; passed to every event it completes
     * @throws SseLimitException when a line or an event's data outgrows the limit
     */
    public void feed(ByteBuf chunk, long receivedNanos) {
        int index = chunk.readerIndex();
        int end = chunk.writerIndex();
        while (index < end) {
            if (afterCr) {
                afterCr = false;
                if (chunk.getByte(index) == '\n') {
                    index++;
                    continue;
                }
            }
            int lineEnd = chunk.forEachByte(index, end - index, ByteProcessor.FIND_CRLF);
            if (lineEnd < 0) {
                appendToLine(chunk, index, end - index);
                break;
            }
            appendToLine(chunk, index, lineEnd - index);
            afterCr = chunk.getByte(lineEnd) == '\r';
            processLine(receivedNanos);
            index = lineEnd + 1;
        }
        chunk.readerIndex(end);
    }

    /**
     * The stream ended: discards an unfinished line and event (the spec's end-of-file rule) and
     * expects a new stream, which may start with a BOM and starts with an empty id buffer.
     * {@link #lastEventId()} keeps its value until the new stream dispatches, as an
     * {@code EventSource}'s does across a reconnection.
     */
    public void endOfStream() {
        lineLength = 0;
        dataLength = 0;
        type = null;
        idBuffer = "";
        atStreamStart = true;
        afterCr = false;
    }

    /** Whether bytes of an unfinished line or event are buffered: a complete stream leaves none. */
    public boolean hasPendingInput() {
        return lineLength > 0 || dataLength > 0 || type != null;
    }

    /** The last event id of the last dispatch, {@code ""} if none: what to send as {@code Last-Event-ID}. */
    public String lastEventId() {
        return lastEventId;
    }

    private void processLine(long receivedNanos) {
        int start = 0;
        if (atStreamStart) {
            atStreamStart = false;
            if (lineLength >= BOM.length && Arrays.equals(line, 0, BOM.length, BOM, 0, BOM.length)) {
                start = BOM.length;
            }
        }
        int length = lineLength;
        lineLength = 0;
        if (start == length) {
            dispatch(receivedNanos);
        } else if (line[start] == ':') {
            listener.onComment(decode(line, valueStart(start + 1, length), length));
        } else {
            processField(start, length);
        }
    }

    private void processField(int start, int end) {
        int colon = indexOf((byte) ':', start, end);
        int nameEnd = colon < 0 ? end : colon;
        int value = colon < 0 ? end : valueStart(colon + 1, end);
        if (fieldIs(DATA, start, nameEnd)) {
            appendData(value, end);
        } else if (fieldIs(EVENT, start, nameEnd)) {
            type = decode(line, value, end);
        } else if (fieldIs(ID, start, nameEnd)) {
            if (indexOf((byte) 0, value, end) < 0) {
                idBuffer = decode(line, value, end);
            }
        } else if (fieldIs(RETRY, start, nameEnd)) {
            long millis = digits(value, end);
            if (millis >= 0) {
                listener.onRetry(millis);
            }
        }
    }

    private void dispatch(long receivedNanos) {
        lastEventId = idBuffer;
        if (dataLength == 0) {
            type = null;
            return;
        }
        String text = decode(data, 0, dataLength - 1);
        String eventType = type == null ? DEFAULT_TYPE : type;
        dataLength = 0;
        type = null;
        listener.onEvent(lastEventId, eventType, text, receivedNanos);
    }

    private void appendToLine(ByteBuf chunk, int index, int length) {
        line = ensureCapacity(line, lineLength + length, "line");
        chunk.getBytes(index, line, lineLength, length);
        lineLength += length;
    }

    private void appendData(int from, int to) {
        int length = to - from;
        data = ensureCapacity(data, dataLength + length + 1, "event data");
        System.arraycopy(line, from, data, dataLength, length);
        dataLength += length;
        data[dataLength++] = '\n';
    }

    private byte[] ensureCapacity(byte[] buffer, int needed, String what) {
        if (needed > maxBytes) {
            throw new SseLimitException("SSE " + what + " longer than " + maxBytes + " bytes");
        }
        if (needed <= buffer.length) {
            return buffer;
        }
        return Arrays.copyOf(buffer, (int) Math.min(maxBytes, Math.max(needed, 2L * buffer.length)));
    }

    /** Where the value starts: after one optional space. */
    private int valueStart(int from, int end) {
        return from < end && line[from] == ' ' ? from + 1 : from;
    }

    private int indexOf(byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (line[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private boolean fieldIs(byte[] name, int from, int to) {
        return Arrays.equals(line, from, to, name, 0, name.length);
    }

    /** The value as a number when it is one or more ASCII digits (saturating at Long.MAX_VALUE), else -1. */
    private long digits(int from, int to) {
        if (from == to) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            if (line[i] < '0' || line[i] > '9') {
                return -1;
            }
            value = value > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : value * 10 + (line[i] - '0');
        }
        return value;
    }

    private static String decode(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
