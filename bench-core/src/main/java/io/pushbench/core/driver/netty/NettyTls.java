package io.pushbench.core.driver.netty;

import io.netty.channel.Channel;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TlsTrust;

import javax.net.ssl.SSLException;
import java.io.UncheckedIOException;

/**
 * Client-side TLS for the Netty drivers, on the JDK's TLS implementation: certificates are
 * verified as a {@link TlsTrust} says, by default against the JDK's trust store with the host
 * name checked. Thread-safe: immutable.
 */
public final class NettyTls {

    private static volatile NettyTls system;

    private final SslContext context;

    private NettyTls(SslContext context) {
        this.context = context;
    }

    /** TLS that trusts as {@code trust} says; the default, {@link TlsTrust#system()}, is built once and shared. */
    public static NettyTls of(TlsTrust trust) {
        if (trust instanceof TlsTrust.SystemDefault) {
            NettyTls shared = system;
            if (shared == null) {
                shared = new NettyTls(clientContext(trust));
                system = shared;
            }
            return shared;
        }
        return new NettyTls(clientContext(trust));
    }

    /** Adds an {@code SslHandler} (with SNI and the name check for the target's host) when the target's scheme asks for TLS. */
    public void addClientHandlerIfSecure(Channel ch, Target target) {
        if (target.secure()) {
            ch.pipeline().addLast(context.newHandler(ch.alloc(), target.uri().getHost(), target.port()));
        }
    }

    /**
     * A client context that trusts as {@code trust} says and, when {@code alpn} names protocols,
     * offers them by ALPN. Offering {@code h2} also restricts the cipher suites to those HTTP/2
     * allows (RFC 9113 section 9.2.2).
     */
    public static SslContext clientContext(TlsTrust trust, String... alpn) {
        SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(SslProvider.JDK);
        if (trust instanceof TlsTrust.Insecure) {
            builder.endpointIdentificationAlgorithm(null).trustManager(InsecureTrustManagerFactory.INSTANCE);
        } else {
            builder.endpointIdentificationAlgorithm("HTTPS");
            if (trust instanceof TlsTrust.Certificates certificates) {
                builder.trustManager(certificates.certificates());
            }
        }
        if (alpn.length > 0) {
            builder.ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, alpn));
        }
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new UncheckedIOException(e);
        }
    }
}
