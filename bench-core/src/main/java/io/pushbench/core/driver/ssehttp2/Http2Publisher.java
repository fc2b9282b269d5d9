package io.pushbench.core.driver.ssehttp2;

import io.netty.channel.EventLoopGroup;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TlsTrust;
import io.pushbench.core.netty.NettyIo;
import io.pushbench.core.record.WireCounter;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes over HTTP/2, as {@code capacity} does for {@code sse-http2} subscribers: each message is
 * a {@code POST} on a stream of its own ({@link Http2Post}), over as few connections to the publish
 * URL's origin as the server's stream limit allows ({@link Http2ConnectionPool}, no upper bound of
 * its own). {@code http://} URLs speak h2c with prior knowledge, {@code https://} URLs negotiate h2
 * by ALPN, and a server that answers otherwise fails every publish with a protocol or handshake
 * error naming it.
 *
 * <p>Thread-safe. Owns one I/O thread, shut down by {@link #close()}.
 */
public final class Http2Publisher implements AutoCloseable {

    private final EventLoopGroup group;
    private final Http2ConnectionPool pool;

    /**
     * @param trust which certificates {@code https} servers may present
     * @param wire  where the bytes and connections of the publishes are counted
     */
    public Http2Publisher(TlsTrust trust, WireCounter wire) {
        this.group = NettyIo.newGroup("h2-publisher", 1);
        this.pool = new Http2ConnectionPool(group, 0, trust, wire, n -> null);
    }

    /**
     * POSTs {@code body} (UTF-8, {@code text/plain}) to {@code uri} with {@code target}'s headers.
     *
     * @return completes when the server answered 2xx; fails with a {@link DriverException} naming the cause
     */
    public CompletableFuture<Void> post(URI uri, String body, Target target) {
        return Http2Post.send(pool, target, uri, body);
    }

    @Override
    public void close() {
        pool.closeAll();
        NettyIo.shutdown(group);
    }
}
