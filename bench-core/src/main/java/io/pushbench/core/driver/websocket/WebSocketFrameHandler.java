package io.pushbench.core.driver.websocket;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.netty.NettyErrors;
import io.pushbench.core.text.MessageText;

/**
 * The last handler of one TCP connection of a {@link NettyWebSocketConnection}: hands it the text
 * and binary messages (a binary one read as text, as an envelope in a binary frame is) with their receive time, the pongs' round trips, the handshake's outcome and the
 * channel's end. One per TCP connection.
 */
final class WebSocketFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private final NettyWebSocketConnection connection;
    /** The view each text frame is handed over in: no string per message. */
    private final MessageText text = new MessageText();
    private boolean handshaken;

    WebSocketFrameHandler(NettyWebSocketConnection connection) {
        this.connection = connection;
    }

    /** Whether the upgrade completed on this channel. Read on its event loop. */
    boolean handshaken() {
        return handshaken;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        long receivedNanos = System.nanoTime();
        if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
            connection.message(text.of(frame.content()), receivedNanos);
        } else if (frame instanceof PongWebSocketFrame pong && pong.content().readableBytes() == Long.BYTES) {
            connection.pong(receivedNanos - pong.content().getLong(pong.content().readerIndex()));
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            handshaken = true;
            connection.handshakeComplete(ctx);
        } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            connection.failed(new DriverException(ErrorKind.TIMEOUT,
                    "WebSocket handshake timed out after " + NettyWebSocketDriver.HANDSHAKE_TIMEOUT_MILLIS + " ms"));
            ctx.close();
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        connection.failed(cause instanceof WebSocketClientHandshakeException handshake
                ? NettyErrors.handshakeFailure(handshake)
                : NettyErrors.ioFailure(cause));
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        connection.channelClosed(handshaken);
        super.channelInactive(ctx);
    }
}
