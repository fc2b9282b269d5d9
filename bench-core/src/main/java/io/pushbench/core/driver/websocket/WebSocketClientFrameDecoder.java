package io.pushbench.core.driver.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.text.MessageText;

import java.util.List;

/**
 * Decodes the frames a WebSocket server sends to a client (RFC 6455 section 5), and hands every
 * whole text or binary message (a binary one read as text: {@code --binary} envelopes) straight to the connection's listener as a {@link MessageText} view of the
 * received bytes: no frame object, no string, nothing allocated per message. It stands where
 * Netty's own frame decoder would ({@link DeliveringHandshaker} installs it after the upgrade).
 *
 * <p>The receive time is read when a data frame's last byte has been read, before the listener
 * is called. Everything that is not a whole message in one frame goes on down the pipeline
 * as Netty's frame objects, as Netty's decoder would emit it: the fragments of a fragmented
 * message (for {@code WebSocketFrameAggregator}) and the control frames ping,
 * pong and close (for the protocol handler and the driver's frame handler).
 *
 * <table>
 *   <caption>What breaks the protocol (RFC 6455 5.1 to 5.5): the connection is failed with a close frame and
 *   closed, and {@link CorruptedWebSocketFrameException} is raised</caption>
 *   <tr><th>frame</th><th>close status</th></tr>
 *   <tr><td>masked (a server must not mask)</td><td>1002 protocol error</td></tr>
 *   <tr><td>RSV bits set (no extension is negotiated)</td><td>1002</td></tr>
 *   <tr><td>a reserved opcode</td><td>1002</td></tr>
 *   <tr><td>a control frame fragmented, or longer than 125 bytes</td><td>1002</td></tr>
 *   <tr><td>a continuation with no message begun, or a new message while one is fragmented</td><td>1002</td></tr>
 *   <tr><td>a close frame with a one-byte body or an invalid status code</td><td>1002</td></tr>
 *   <tr><td>a payload longer than the limit</td><td>1009 message too big</td></tr>
 * </table>
 *
 * Text that is not ASCII is decoded as UTF-8 with malformed bytes replaced, not refused (a load
 * generator measures what arrives).
 *
 * <p>Not thread-safe: one per TCP connection, on its event loop.
 */
public final class WebSocketClientFrameDecoder extends ByteToMessageDecoder implements WebSocketFrameDecoder {

    private static final int OPCODE_CONTINUATION = 0x0;
    private static final int OPCODE_TEXT = 0x1;
    private static final int OPCODE_BINARY = 0x2;
    private static final int OPCODE_CLOSE = 0x8;
    private static final int OPCODE_PING = 0x9;
    private static final int OPCODE_PONG = 0xA;
    private static final int MAX_CONTROL_PAYLOAD = 125;

    private final ConnectionListener listener;
    private final PushConnection connection;
    private final int maxPayloadBytes;
    private final MessageText text = new MessageText();
    private boolean fragmented;
    private boolean corrupt;

    /**
     * @param listener        told of every whole text message
     * @param connection      the connection the listener is told about
     * @param maxPayloadBytes the longest frame payload accepted, bytes (1 or more)
     */
    public WebSocketClientFrameDecoder(ConnectionListener listener, PushConnection connection, int maxPayloadBytes) {
        if (maxPayloadBytes < 1) {
            throw new IllegalArgumentException("maxPayloadBytes must be >= 1, was " + maxPayloadBytes);
        }
        this.listener = listener;
        this.connection = connection;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** Decodes one frame, if all of it has arrived; one per call keeps the order of what is delivered and emitted. */
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (corrupt) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int start = in.readerIndex();
        int readable = in.readableBytes();
        if (readable < 2) {
            return;
        }
        int first = in.getUnsignedByte(start);
        int second = in.getUnsignedByte(start + 1);
        int lengthCode = second & 0x7F;
        int headerLength = lengthCode == 126 ? 4 : lengthCode == 127 ? 10 : 2;
        if (readable < headerLength) {
            return;
        }
        long length = lengthCode == 126 ? in.getUnsignedShort(start + 2)
                : lengthCode == 127 ? in.getLong(start + 2) : lengthCode;
        boolean fin = (first & 0x80) != 0;
        int opcode = first & 0x0F;
        checkHeader(ctx, in, first, second, fin, opcode, length);
        if (readable - headerLength < length) {
            return;
        }
        if (opcode < OPCODE_CLOSE) {
            // A data frame: a message ends with its final frame.
            fragmented = !fin;
        }
        int payloadAt = start + headerLength;
        int payloadLength = (int) length;
        if ((opcode == OPCODE_TEXT || opcode == OPCODE_BINARY) && fin) {
            long receivedNanos = System.nanoTime();
            listener.onMessage(connection, text.of(in, payloadAt, payloadLength), receivedNanos);
        } else {
            out.add(frame(ctx, in, opcode, fin, payloadAt, payloadLength));
        }
        in.readerIndex(payloadAt + payloadLength);
    }

    /** Fails the connection when the frame breaks the protocol (see the table above). */
    private void checkHeader(ChannelHandlerContext ctx, ByteBuf in, int first, int second, boolean fin, int opcode,
                             long length) {
        if ((second & 0x80) != 0) {
            violation(ctx, in, WebSocketCloseStatus.PROTOCOL_ERROR, "a server sent a masked frame");
        }
        if ((first & 0x70) != 0) {
            violation(ctx, in, WebSocketCloseStatus.PROTOCOL_ERROR, "RSV bits set with no extension negotiated");
        }
        if (length < 0 || length > maxPayloadBytes) {
            violation(ctx, in, WebSocketCloseStatus.MESSAGE_TOO_BIG,
                    "frame payload longer than " + maxPayloadBytes + " bytes");
        }
        switch (opcode) {
            case OPCODE_CLOSE, OPCODE_PING, OPCODE_PONG -> {
                if (!fin || length > MAX_CONTROL_PAYLOAD) {
                    violation(ctx, in, WebSocketCloseStatus.PROTOCOL_ERROR,
                            "a control frame fragmented or longer than " + MAX_CONTROL_PAYLOAD + " bytes");
                }
            }
            case OPCODE_TEXT, OPCODE_BINARY -> {
                if (fragmented) {
                    violation(ctx, in, WebSocketCloseStatus.PROTOCOL_ERROR,
                            "a new message began before the fragmented one ended");
                }
            }
            case OPCODE_CONTINUATION -> {
                if (!fragmented) {
                    violation(ctx, in, WebSocketCloseStatus.PROTOCOL_ERROR, "a continuation frame with no message begun");
                }
            }
            default -> violation(ctx, in, WebSocketCloseStatus.PROTOCOL_ERROR, "reserved opcode " + opcode);
        }
    }

    /** The frame as Netty's decoder emits it, its payload copied out so that the read buffer can go. */
    private Object frame(ChannelHandlerContext ctx, ByteBuf in, int opcode, boolean fin, int payloadAt, int length) {
        if (opcode == OPCODE_CLOSE) {
            checkCloseBody(ctx, in, payloadAt, length);
        }
        ByteBuf payload = length == 0 ? Unpooled.EMPTY_BUFFER : ctx.alloc().buffer(length).writeBytes(in, payloadAt, length);
        return switch (opcode) {
            case OPCODE_TEXT -> new TextWebSocketFrame(fin, 0, payload);
            case OPCODE_BINARY -> new BinaryWebSocketFrame(fin, 0, payload);
            case OPCODE_CONTINUATION -> new ContinuationWebSocketFrame(fin, 0, payload);
            case OPCODE_PING -> new PingWebSocketFrame(payload);
            case OPCODE_PONG -> new PongWebSocketFrame(payload);
            default -> new CloseWebSocketFrame(true, 0, payload);
        };
    }

    /** A close frame's body is empty, or a valid status code and a reason (RFC 6455 5.5.1, 7.4). */
    private void checkCloseBody(ChannelHandlerContext ctx, ByteBuf in, int payloadAt, int length) {
        if (length == 1) {
            violation(ctx, in, WebSocketCloseStatus.PROTOCOL_ERROR, "a close frame with a one-byte body");
        }
        if (length >= 2 && !WebSocketCloseStatus.isValidStatusCode(in.getUnsignedShort(payloadAt))) {
            violation(ctx, in, WebSocketCloseStatus.PROTOCOL_ERROR,
                    "a close frame with invalid status code " + in.getUnsignedShort(payloadAt));
        }
    }

    /** Fails the connection: nothing more is read, a close frame with {@code status} goes out, then the connection closes. */
    private void violation(ChannelHandlerContext ctx, ByteBuf in, WebSocketCloseStatus status, String reason) {
        corrupt = true;
        in.skipBytes(in.readableBytes());
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(new CloseWebSocketFrame(status, reason)).addListener(ChannelFutureListener.CLOSE);
        }
        throw new CorruptedWebSocketFrameException(status, reason);
    }
}
