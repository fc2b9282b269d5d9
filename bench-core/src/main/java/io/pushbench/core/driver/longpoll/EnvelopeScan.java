package io.pushbench.core.driver.longpoll;

import io.netty.buffer.ByteBuf;
import io.pushbench.core.envelope.EnvelopeCodec;

import java.nio.charset.StandardCharsets;

/** Finds envelopes ({@value EnvelopeCodec#MARKER}) in a body of a server's own format. Thread-safe: stateless. */
final class EnvelopeScan {

    private static final byte[] MARKER = EnvelopeCodec.MARKER.getBytes(StandardCharsets.US_ASCII);

    private EnvelopeScan() {
    }

    /** The index of the first marker in {@code buf} from {@code from} (inclusive) to {@code end}, or -1. */
    static int next(ByteBuf buf, int from, int end) {
        int last = end - MARKER.length;
        for (int i = buf.indexOf(from, end, MARKER[0]); i >= 0 && i <= last; i = buf.indexOf(i + 1, end, MARKER[0])) {
            if (matches(buf, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean matches(ByteBuf buf, int at) {
        for (int k = 1; k < MARKER.length; k++) {
            if (buf.getByte(at + k) != MARKER[k]) {
                return false;
            }
        }
        return true;
    }
}
