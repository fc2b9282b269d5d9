package io.pushbench.core.driver.websocket;

import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker13;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.PushConnection;

/**
 * Netty's WebSocket 13 client handshake, sending the same upgrade request as
 * {@code new WebSocketClientProtocolHandler(config)} would, that installs a
 * {@link WebSocketClientFrameDecoder} after the upgrade instead of Netty's frame decoder: text
 * messages then reach {@code listener} without a frame object or a string each.
 *
 * <p>One per TCP connection, as a handshaker is (it remembers whether its handshake completed).
 */
public final class DeliveringHandshaker extends WebSocketClientHandshaker13 {

    private final ConnectionListener listener;
    private final PushConnection connection;

    /**
     * @param config     the upgrade to send: version 13, no extensions (their frames would carry RSV bits)
     * @param listener   told of every text message
     * @param connection the connection the listener is told about
     */
    public DeliveringHandshaker(WebSocketClientProtocolConfig config, ConnectionListener listener,
                                PushConnection connection) {
        super(config.webSocketUri(), config.version(), config.subprotocol(), config.allowExtensions(),
                config.customHeaders(), config.maxFramePayloadLength(), config.performMasking(),
                config.allowMaskMismatch(), config.forceCloseTimeoutMillis());
        if (config.version() != WebSocketVersion.V13 || config.allowExtensions() || config.absoluteUpgradeUrl()
                || !config.generateOriginHeader()) {
            throw new IllegalArgumentException("only a WebSocket 13 upgrade without extensions, with a relative "
                    + "upgrade URL and an Origin header is supported, not " + config);
        }
        this.listener = listener;
        this.connection = connection;
    }

    @Override
    protected WebSocketFrameDecoder newWebsocketDecoder() {
        return new WebSocketClientFrameDecoder(listener, connection, maxFramePayloadLength());
    }
}
