package io.pushbench.core.sse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;

import java.nio.charset.StandardCharsets;

/**
 * Encodes what a server writes on a {@code text/event-stream}: events, a reconnection time and
 * comments, each as complete lines that {@link SseParser} reads back unchanged.
 *
 * <pre>
 *   id: 42
 *   event: tick
 *   data: first line
 *   data: second line
 *   (empty line)
 * </pre>
 *
 * Data is split at every line ending (CRLF, LF or CR) into {@code data:} lines, so a reader gets
 * it back with each line ending as LF. The id and the type are single lines and may not contain
 * CR or LF (the id not NUL either, which readers ignore). Text is written as UTF-8, lines end
 * with LF.
 *
 * <p>Thread-safe: stateless.
 */
public final class SseEvents {

    private SseEvents() {
    }

    /**
     * One event in a new buffer from {@code alloc}; the caller releases it.
     *
     * @param id   the {@code id:} line, or {@code null} for none
     * @param type the {@code event:} line, or {@code null} for none (readers then use "message")
     * @param data the event's data; {@code ""} gives one empty {@code data:} line
     * @throws IllegalArgumentException when {@code id} or {@code type} holds a line ending (or the id NUL)
     */
    public static ByteBuf event(ByteBufAllocator alloc, String id, String type, CharSequence data) {
        ByteBuf out = alloc.buffer(32 + ByteBufUtil.utf8MaxBytes(data));
        writeEvent(out, id, type, data);
        return out;
    }

    /** Writes one event (see {@link #event(ByteBufAllocator, String, String, CharSequence)}) to {@code out}. */
    public static void writeEvent(ByteBuf out, String id, String type, CharSequence data) {
        if (id != null) {
            writeLine(out, "id:", checkSingleLine("id", id, true));
        }
        if (type != null) {
            writeLine(out, "event:", checkSingleLine("event type", type, false));
        }
        int lineStart = 0;
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '\r' || c == '\n') {
                writeLine(out, "data:", data, lineStart, i);
                if (c == '\r' && i + 1 < data.length() && data.charAt(i + 1) == '\n') {
                    i++;
                }
                lineStart = i + 1;
            }
        }
        writeLine(out, "data:", data, lineStart, data.length());
        out.writeByte('\n');
    }

    /** Writes a {@code retry:} line: readers reconnect after {@code millis} milliseconds (0 or more). */
    public static void writeRetry(ByteBuf out, long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("retry must be >= 0 ms, was " + millis);
        }
        writeLine(out, "retry:", Long.toString(millis));
    }

    /** Writes a comment line {@code ": text"}, which readers skip (a heartbeat); {@code text} is one line. */
    public static void writeComment(ByteBuf out, String text) {
        writeLine(out, ":", checkSingleLine("comment", text, false));
    }

    /** One event as text, for logs and tests (see {@link #event(ByteBufAllocator, String, String, CharSequence)}). */
    public static String eventText(String id, String type, CharSequence data) {
        ByteBuf out = event(UnpooledByteBufAllocator.DEFAULT, id, type, data);
        try {
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            out.release();
        }
    }

    private static void writeLine(ByteBuf out, String prefix, CharSequence value) {
        writeLine(out, prefix, value, 0, value.length());
    }

    /** Writes {@code prefix}, a space and {@code value[start, end)} (no space when that is empty), then LF. */
    private static void writeLine(ByteBuf out, String prefix, CharSequence value, int start, int end) {
        out.writeCharSequence(prefix, StandardCharsets.US_ASCII);
        if (start < end) {
            out.writeByte(' ');
            ByteBufUtil.writeUtf8(out, value, start, end);
        }
        out.writeByte('\n');
    }

    private static String checkSingleLine(String what, String value, boolean noNul) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || (noNul && c == 0)) {
                throw new IllegalArgumentException("SSE " + what + " may not contain "
                        + (c == 0 ? "NUL" : "a line ending") + ": '" + value + "'");
            }
        }
        return value;
    }
}
