package io.pushbench.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.pushbench.core.netty.WireCountingHandler;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of every accepted connection, bottom to top: count the connection, count its
 * bytes, close it when idle, then on the plaintext port tell HTTP/2 with prior knowledge from
 * HTTP/1.1 by the first bytes, and on the TLS port decrypt and let ALPN choose. Either way
 * {@link HttpStacks} then installs HTTP/1.1 or HTTP/2, which route by path; the router installs
 * the protocol a path asks for (e.g. WebSocket after an Upgrade). A connection beyond the
 * server's connection limit is refused instead ({@link ConnectionLimitHandler}).
 */
final class ReferenceServerInitializer extends ChannelInitializer<Channel> {

    private final ServerContext context;
    private final HttpStacks stacks;
    private final SslContext tls;
    private final WireCountingHandler wireCounter;
    private final IdleConnectionCloser idleCloser;
    private final long idleNanos;

    /** @param tls the TLS port's context, or null for the plaintext port */
    ReferenceServerInitializer(ServerContext context, HttpStacks stacks, SslContext tls, Duration idleTimeout) {
        this.context = context;
        this.stacks = stacks;
        this.tls = tls;
        this.wireCounter = new WireCountingHandler(context.stats().wire());
        this.idleCloser = new IdleConnectionCloser(context.stats());
        this.idleNanos = idleTimeout.toNanos();
    }

    @Override
    protected void initChannel(Channel ch) {
        ServerStats stats = context.stats();
        ChannelPipeline p = ch.pipeline();
        p.addLast(WireCountingHandler.NAME, wireCounter);
        p.addLast(new IdleStateHandler(0, 0, idleNanos, TimeUnit.NANOSECONDS));
        p.addLast(idleCloser);
        if (tls != null) {
            p.addLast(tls.newHandler(ch.alloc()));
        }
        if (!stats.admit(context.maxConnections())) {
            ConnectionLimitHandler.refuse(p, context);
            return;
        }
        ch.closeFuture().addListener(f -> stats.connectionClosed());
        if (tls == null) {
            p.addLast(new PriorKnowledgeDetector(stacks));
        } else {
            p.addLast(new AlpnSelector(stacks, stats));
        }
    }
}
