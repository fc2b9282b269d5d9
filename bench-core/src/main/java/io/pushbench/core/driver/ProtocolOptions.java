package io.pushbench.core.driver;

import io.pushbench.core.driver.longpoll.PollCursorStrategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the clients speak to a server written by others, beyond the transport itself: the
 * long-polling cursor, the WebSocket message sent after the handshake, permessage-deflate and
 * binary frames. Immutable.
 *
 * @param pollCursor           how long-polling clients resume; {@link PollCursorStrategy#PUSHBENCH} by default
 * @param onOpen               WebSocket: the text sent on every connection right after its handshake, with
 *                             {@code {conn}} and {@code {uuid}} filled in ({@link OnOpenMessage}); null for none
 * @param webSocketCompression WebSocket: offer permessage-deflate (RFC 7692) in the handshake
 * @param binary               WebSocket: envelopes in binary frames (opcode 0x2) instead of text frames
 */
public record ProtocolOptions(PollCursorStrategy pollCursor, OnOpenMessage onOpen, boolean webSocketCompression,
                              boolean binary) {

    /** pushbench's own long polling, nothing sent on open, no compression, text frames. */
    public static final ProtocolOptions DEFAULTS = new ProtocolOptions(PollCursorStrategy.PUSHBENCH, null, false, false);

    public ProtocolOptions {
        Objects.requireNonNull(pollCursor, "pollCursor");
    }

    /** A copy with {@code cursor}. */
    public ProtocolOptions withPollCursor(PollCursorStrategy cursor) {
        return new ProtocolOptions(cursor, onOpen, webSocketCompression, binary);
    }

    /** A copy with {@code message} sent on open (null for none). */
    public ProtocolOptions withOnOpen(OnOpenMessage message) {
        return new ProtocolOptions(pollCursor, message, webSocketCompression, binary);
    }

    /** A copy with permessage-deflate offered or not. */
    public ProtocolOptions withWebSocketCompression(boolean on) {
        return new ProtocolOptions(pollCursor, onOpen, on, binary);
    }

    /** A copy with binary frames or not. */
    public ProtocolOptions withBinary(boolean on) {
        return new ProtocolOptions(pollCursor, onOpen, webSocketCompression, on);
    }

    /**
     * What differs from the defaults, one short phrase each, for a run's header, summary and
     * report (e.g. {@code permessage-deflate}, {@code binary frames}, {@code poll cursor etag});
     * empty when nothing does.
     */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        if (!pollCursor.equals(PollCursorStrategy.PUSHBENCH)) {
            out.add("poll cursor " + pollCursor);
        }
        if (onOpen != null) {
            out.add("on-open message");
        }
        if (webSocketCompression) {
            out.add("permessage-deflate");
        }
        if (binary) {
            out.add("binary frames");
        }
        return List.copyOf(out);
    }
}
