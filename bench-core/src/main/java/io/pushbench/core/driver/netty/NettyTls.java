package io.pushbench.core.driver.netty;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.pushbench.core.driver.Target;

import javax.net.ssl.SSLException;
import java.io.UncheckedIOException;

/** Client-side TLS for the Netty drivers: certificates are verified against the JDK's trust store. */
final class NettyTls {

    private static volatile SslContext defaultContext;

    private NettyTls() {
    }

    /** Adds an {@code SslHandler} (verifying the server's name) when the target's scheme asks for TLS. */
    static void addClientHandlerIfSecure(Channel ch, Target target) {
        if (target.secure()) {
            ch.pipeline().addLast(context().newHandler(ch.alloc(), target.uri().getHost(), target.port()));
        }
    }

    private static SslContext context() {
        SslContext context = defaultContext;
        if (context == null) {
            try {
                context = SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS").build();
            } catch (SSLException e) {
                throw new UncheckedIOException(e);
            }
            defaultContext = context;
        }
        return context;
    }
}
