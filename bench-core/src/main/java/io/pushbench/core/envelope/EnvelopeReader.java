package io.pushbench.core.envelope;

/**
 * Finds the first envelope in a text ({@link EnvelopeCodec}'s wire format) and reads its fields
 * into itself, so that a receiver decodes every message without allocating: {@link #read} parses
 * straight out of the {@link CharSequence} into primitives, and the same reader serves the next
 * message.
 *
 * <p>After {@link #read} returned true, {@link #sequence()}, {@link #intendedNanos()} and
 * {@link #sentNanos()} hold that envelope's fields until the next call; after it returned false
 * they are meaningless.
 *
 * <p>Not thread-safe: one per receiver, used on its connection's I/O thread.
 */
public final class EnvelopeReader {

    private static final String MARKER = EnvelopeCodec.MARKER;

    private long sequence;
    private long intendedNanos;
    private long sentNanos;
    /** Where the next field starts while reading; -1 once the text turned out malformed. */
    private int cursor;

    /**
     * Reads the first envelope in {@code text}.
     *
     * @return whether the text holds a well-formed envelope (after the marker: a sequence number
     *         {@code >= 0}, the intended time and the send lag, decimal, ended by {@code ':'},
     *         {@code ':'} and {@code ';'})
     */
    public boolean read(CharSequence text) {
        int start = indexOfMarker(text);
        if (start < 0) {
            return false;
        }
        cursor = start + MARKER.length();
        long seq = parseLong(text, ':');
        long intended = parseLong(text, ':');
        long lag = parseLong(text, ';');
        if (cursor < 0 || seq < 0) {
            return false;
        }
        sequence = seq;
        intendedNanos = intended;
        sentNanos = intended + lag;
        return true;
    }

    /** The envelope's sequence number, {@code >= 0}. */
    public long sequence() {
        return sequence;
    }

    /** When the plan said the message should be sent, {@link System#nanoTime()}. */
    public long intendedNanos() {
        return intendedNanos;
    }

    /** When the message was actually sent, {@link System#nanoTime()}. */
    public long sentNanos() {
        return sentNanos;
    }

    /** The envelope read last, as an object (allocates: for callers off the per-message path). */
    public Envelope toEnvelope() {
        return new Envelope(sequence, intendedNanos, sentNanos);
    }

    /** Parses a signed decimal ending at {@code terminator}; sets the cursor to -1 on malformed input. */
    private long parseLong(CharSequence text, char terminator) {
        int i = cursor;
        if (i < 0) {
            return 0;
        }
        int end = text.length();
        boolean negative = i < end && text.charAt(i) == '-';
        if (negative) {
            i++;
        }
        long value = 0;
        int digits = 0;
        while (i < end) {
            char c = text.charAt(i);
            if (c == terminator) {
                if (digits == 0) {
                    break;
                }
                cursor = i + 1;
                return negative ? -value : value;
            }
            if (c < '0' || c > '9' || value > (Long.MAX_VALUE - (c - '0')) / 10) {
                break; // not a digit, or the number would overflow a long
            }
            value = value * 10 + (c - '0');
            digits++;
            i++;
        }
        cursor = -1;
        return 0;
    }

    private static int indexOfMarker(CharSequence text) {
        if (text instanceof String s) {
            return s.indexOf(MARKER);
        }
        int last = text.length() - MARKER.length();
        outer:
        for (int i = 0; i <= last; i++) {
            for (int j = 0; j < MARKER.length(); j++) {
                if (text.charAt(i + j) != MARKER.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
