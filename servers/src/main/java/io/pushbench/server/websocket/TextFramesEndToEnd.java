package io.pushbench.server.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import io.pushbench.server.BroadcastFanOut;

/**
 * A WebSocket subscriber's broadcasts of one run as one write: each a whole, final, unmasked text
 * frame (RFC 6455, section 5.2: a server's frames carry no mask) written as bytes, end to end. The
 * bytes pass Netty's frame encoder untouched, which encodes frame objects only, so a run costs the
 * pipeline one write instead of a frame object, a header buffer and a promise per broadcast.
 *
 * <p>Not for a subscriber that negotiated an extension (permessage-deflate): its encoder must see
 * each frame to compress it, so those get a frame object per broadcast as before.
 */
final class TextFramesEndToEnd implements BroadcastFanOut.Batching {

    /** FIN set, opcode 1 (text). */
    private static final int FINAL_TEXT_FRAME = 0x81;
    /** Payload length bytes: up to 125 in the second byte; 126 then 16 bits; 127 then 64 bits. */
    private static final int SEVEN_BIT_MAX = 125;
    private static final int SIXTEEN_BIT_LENGTH = 126;
    private static final int SIXTY_FOUR_BIT_LENGTH = 127;

    @Override
    public boolean takes(Channel subscriber) {
        // The handshake completed before the subscriber joins: a negotiated extension's encoder is in place by then.
        return subscriber.pipeline().get(WebSocketExtensionEncoder.class) == null;
    }

    @Override
    public void append(ByteBuf batch, ByteBuf payload) {
        int length = payload.readableBytes();
        batch.writeByte(FINAL_TEXT_FRAME);
        if (length <= SEVEN_BIT_MAX) {
            batch.writeByte(length);
        } else if (length <= 0xFFFF) {
            batch.writeByte(SIXTEEN_BIT_LENGTH);
            batch.writeShort(length);
        } else {
            batch.writeByte(SIXTY_FOUR_BIT_LENGTH);
            batch.writeLong(length);
        }
        batch.writeBytes(payload, payload.readerIndex(), length);
    }

    @Override
    public Object message(ByteBuf batch) {
        return batch;
    }
}
