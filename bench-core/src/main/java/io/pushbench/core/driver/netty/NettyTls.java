package io.pushbench.core.driver.netty;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TlsOptions;

import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import java.io.UncheckedIOException;

/**
 * Client-side TLS for the Netty drivers, set by {@link TlsOptions}: by default certificates are
 * verified against the JDK's trust store and the host name is checked; a trust store replaces
 * the JDK's certificates; {@code insecure} trusts any certificate and checks no name.
 * Thread-safe: immutable.
 */
final class NettyTls {

    private static volatile NettyTls verifying;

    private final SslContext context;

    private NettyTls(SslContext context) {
        this.context = context;
    }

    /**
     * TLS set up as {@code options} say. The default, verifying set-up is built once and shared.
     *
     * @throws IllegalArgumentException naming the trust store when it cannot be used
     */
    static NettyTls of(TlsOptions options) {
        if (options.equals(TlsOptions.VERIFY)) {
            NettyTls shared = verifying;
            if (shared == null) {
                shared = new NettyTls(build(builder(options)));
                verifying = shared;
            }
            return shared;
        }
        return new NettyTls(build(builder(options)));
    }

    /**
     * A client context builder with {@code options}' trust settings, for drivers that add settings
     * of their own (e.g. ALPN for HTTP/2).
     *
     * @throws IllegalArgumentException naming the trust store when it cannot be used
     */
    static SslContextBuilder builder(TlsOptions options) {
        SslContextBuilder builder = SslContextBuilder.forClient();
        if (options.insecure()) {
            return builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
        }
        TrustManagerFactory trustManagers = options.trustManagers();
        if (trustManagers != null) {
            builder.trustManager(trustManagers);
        }
        return builder.endpointIdentificationAlgorithm("HTTPS");
    }

    /** Adds an {@code SslHandler} (with SNI for the target's host) when the target's scheme asks for TLS. */
    void addClientHandlerIfSecure(Channel ch, Target target) {
        if (target.secure()) {
            ch.pipeline().addLast(context.newHandler(ch.alloc(), target.uri().getHost(), target.port()));
        }
    }

    private static SslContext build(SslContextBuilder builder) {
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new UncheckedIOException(e);
        }
    }
}
