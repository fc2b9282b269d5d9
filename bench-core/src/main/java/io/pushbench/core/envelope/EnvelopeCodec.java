package io.pushbench.core.envelope;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encodes {@link Envelope}s as text and finds them again in whatever a server wraps around them.
 *
 * <h2>Wire format</h2>
 * <pre>
 *   pb1:&lt;sequence&gt;:&lt;intendedNanos&gt;:&lt;sendLagNanos&gt;;xxxxxxxx...
 * </pre>
 * All numbers are decimal ASCII; the send time travels as a lag after the intended time
 * because it is short. The header is followed by {@code 'x'} padding up to the requested
 * total size. The text contains only {@code [0-9a-z:;-]}, so it survives unchanged inside an
 * SSE {@code data:} line, a JSON string, a URL query or a WebSocket text frame; a decoder
 * looks for the first {@value #MARKER} and ignores anything before it and after the
 * {@code ';'} (a server's own framing or JSON fields).
 *
 * <p>A size smaller than the header gives the header alone: {@link #headerLength} says how
 * long that is for a given envelope (about 25 bytes for a fresh run).
 *
 * <p>Thread-safe: stateless.
 */
public final class EnvelopeCodec {

    /** The text that starts every envelope, with its format version. */
    public static final String MARKER = "pb1:";

    private static final char PAD = 'x';

    private EnvelopeCodec() {
    }

    /**
     * Encodes an envelope padded to {@code totalSize} characters (bytes: the text is ASCII).
     *
     * @param totalSize requested length in bytes; values below the header length give the header alone
     */
    public static String encode(Envelope envelope, int totalSize) {
        // ISO-8859-1 maps each byte to one char: with compact strings this is a plain copy.
        return new String(encodeBytes(envelope, totalSize), StandardCharsets.ISO_8859_1);
    }

    /** Encodes an envelope padded to {@code totalSize} bytes, as ASCII bytes. */
    public static byte[] encodeBytes(Envelope envelope, int totalSize) {
        StringBuilder header = new StringBuilder(48);
        appendHeader(header, envelope);
        int headerLength = header.length();
        byte[] bytes = new byte[Math.max(totalSize, headerLength)];
        for (int i = 0; i < headerLength; i++) {
            bytes[i] = (byte) header.charAt(i);
        }
        Arrays.fill(bytes, headerLength, bytes.length, (byte) PAD);
        return bytes;
    }

    /**
     * Encodes an envelope into {@code target}, replacing what it held, padded to {@code totalSize}
     * characters: the same text as {@link #encode}, without allocating once {@code target} has grown
     * to the size (a sender reuses one builder for every message).
     *
     * @return {@code target}
     */
    public static StringBuilder encodeInto(StringBuilder target, long sequence, long intendedNanos, long sentNanos,
                                           int totalSize) {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0, was " + sequence);
        }
        target.setLength(0);
        target.append(MARKER).append(sequence).append(':')
                .append(intendedNanos).append(':')
                .append(sentNanos - intendedNanos).append(';');
        while (target.length() < totalSize) {
            target.append(PAD);
        }
        return target;
    }

    /** Length in bytes of the envelope's header, the smallest it can be encoded in. */
    public static int headerLength(Envelope envelope) {
        StringBuilder text = new StringBuilder(48);
        appendHeader(text, envelope);
        return text.length();
    }

    private static void appendHeader(StringBuilder text, Envelope envelope) {
        text.append(MARKER)
                .append(envelope.sequence()).append(':')
                .append(envelope.intendedNanos()).append(':')
                .append(envelope.sendLagNanos()).append(';');
    }

    /**
     * Finds and decodes the first envelope in {@code text}. Allocates the envelope: a receiver
     * decodes each message with its own {@link EnvelopeReader} instead, which does not.
     *
     * @return the envelope, or {@code null} when the text holds no well-formed envelope
     */
    public static Envelope decode(CharSequence text) {
        EnvelopeReader reader = new EnvelopeReader();
        return reader.read(text) ? reader.toEnvelope() : null;
    }
}
