package io.pushbench.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;

/**
 * Installs the HTTP a TLS client chose by ALPN once the handshake is done: {@code h2} gets
 * HTTP/2, {@code http/1.1} (or a client that offered no ALPN) gets HTTP/1.1. A failed handshake
 * is counted as an error and closes the connection.
 *
 * <p>One instance per connection.
 */
final class AlpnSelector extends ApplicationProtocolNegotiationHandler {

    private final HttpStacks stacks;
    private final ServerStats stats;
    private boolean failed;

    AlpnSelector(HttpStacks stacks, ServerStats stats) {
        super(ApplicationProtocolNames.HTTP_1_1);
        this.stacks = stacks;
        this.stats = stats;
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
            stacks.http2(ctx.pipeline());
        } else if (ApplicationProtocolNames.HTTP_1_1.equals(protocol)) {
            stacks.http1(ctx.pipeline());
        } else {
            throw new IllegalStateException("ALPN selected a protocol the server does not offer: " + protocol);
        }
    }

    @Override
    protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx);
    }

    /** A failed handshake is reported both as an exception and as an event: count it once. */
    private void fail(ChannelHandlerContext ctx) {
        if (!failed) {
            failed = true;
            stats.error();
        }
        ctx.close();
    }
}
