package io.pushbench.core.genfloor;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;

/**
 * Counts the WebSocket messages a server sends (RFC 6455 section 5.2) straight from the bytes
 * read: it reads each frame's header and skips its payload, decoding nothing and allocating
 * nothing. A message is counted when its final frame (FIN) of a text, binary or continuation
 * frame has been read whole. A close frame fails the floor; pings are not answered (the floor
 * lasts seconds, far less than any server's heartbeat timeout).
 *
 * <p>Not thread-safe: one per connection, on the floor's event loop.
 */
final class WebSocketFrameCounter extends FloorConnectionHandler {

    private static final int OPCODE_CLOSE = 0x8;

    /** The header read so far: 2 bytes, up to 8 of extended length, 4 of mask. */
    private final byte[] header = new byte[14];
    private int headerLength;
    private long payloadLeft;
    private boolean countable;

    WebSocketFrameCounter(FloorCounts counts) {
        super(counts, "a WebSocket connection of the generator floor");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            while (bytes.isReadable()) {
                if (payloadLeft > 0) {
                    int skip = (int) Math.min(payloadLeft, bytes.readableBytes());
                    bytes.skipBytes(skip);
                    payloadLeft -= skip;
                    if (payloadLeft == 0) {
                        frameRead();
                    }
                } else {
                    header[headerLength++] = bytes.readByte();
                    if (headerLength >= 2 && headerLength == headerSize()) {
                        startPayload(ctx);
                    }
                }
            }
        } finally {
            bytes.release();
        }
    }

    /** The whole header's size, known once its second byte is in. */
    private int headerSize() {
        int length7 = header[1] & 0x7F;
        int extended = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
        int mask = (header[1] & 0x80) != 0 ? 4 : 0;
        return 2 + extended + mask;
    }

    private void startPayload(ChannelHandlerContext ctx) {
        int opcode = header[0] & 0x0F;
        boolean fin = (header[0] & 0x80) != 0;
        int length7 = header[1] & 0x7F;
        long length = length7;
        if (length7 == 126) {
            length = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
        } else if (length7 == 127) {
            length = 0;
            for (int i = 2; i < 10; i++) {
                length = (length << 8) | (header[i] & 0xFF);
            }
        }
        headerLength = 0;
        countable = fin && opcode <= 0x2;
        if (opcode == OPCODE_CLOSE) {
            counts.fail("the server closed a WebSocket connection of the generator floor");
            ctx.close();
            return;
        }
        payloadLeft = length;
        if (length == 0) {
            frameRead();
        }
    }

    private void frameRead() {
        if (countable) {
            counts.received++;
        }
    }
}
