package io.pushbench.core.driver.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.lifecycle.ReconnectPolicy;
import io.pushbench.core.driver.lifecycle.ReconnectingConnection;

import java.util.concurrent.CompletableFuture;

/**
 * A connection of a Netty HTTP/1.1 driver: each attempt is one TCP connection on the connection's
 * own event loop, with the transport's {@link #handlers()} in its pipeline; aborting closes it. A
 * connect that fails ends the attempt here; a channel that closes ends it in the transport's last
 * handler ({@code channelInactive}), which calls {@link #attemptEnded}.
 *
 * <p>Thread-safe, as {@link ReconnectingConnection}; its events come from its event loop.
 */
public abstract class NettyConnection extends ReconnectingConnection {

    private final NettyConnector connector;
    private final EventLoop loop;
    private volatile Channel channel;

    /**
     * @param policy whether and when it reconnects, timed on {@code connector.loopFor(id)}
     */
    protected NettyConnection(int id, Target target, ConnectionListener listener, NettyConnector connector,
                              ReconnectPolicy policy) {
        super(id, target, listener, policy);
        this.connector = connector;
        this.loop = connector.loopFor(id);
    }

    /** The handlers of a new TCP connection, after wire counting and TLS; a new instance for each. */
    protected abstract ChannelHandler handlers();

    @Override
    protected final void attempt() {
        ChannelFuture connect = connector.connect(loop, target(), id(), handlers());
        channel = connect.channel();
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                attemptEnded(NettyErrors.connectFailure(target(), f.cause()));
            }
        });
    }

    @Override
    protected final void abort() {
        Channel ch = channel;
        if (ch != null) {
            closeChannel(ch);
        }
    }

    /** Closes the channel of the attempt being aborted; WebSocket says goodbye first. */
    protected void closeChannel(Channel ch) {
        ch.close();
    }

    /** The channel of the latest attempt, or null before the first. */
    protected final Channel channel() {
        return channel;
    }

    /**
     * Sends {@code message} upstream by {@code POST} to the target's send URI, over the driver's
     * {@link NettyConnector#poster() poster}: how the HTTP/1.1 transports send.
     */
    protected final CompletableFuture<Void> post(String message) {
        return sendByPost(message, (uri, body) -> connector.poster().post(uri, body, target()));
    }

    /** The event loop all of this connection's channels and timers run on. */
    protected final EventLoop loop() {
        return loop;
    }
}
