package io.pushbench.server.tls;

import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collection;

/**
 * The reference server's TLS: the JDK's TLS implementation (no native library), the HTTP/2
 * cipher suites of RFC 9113 appendix A excluded, and ALPN offering {@code h2} then
 * {@code http/1.1}. Immutable; its {@link SslContext} makes a handler per connection.
 */
public final class ServerTls {

    private final SslContext context;
    private final X509Certificate certificate;

    private ServerTls(SslContext context, X509Certificate certificate) {
        this.context = context;
        this.certificate = certificate;
    }

    /**
     * TLS with a certificate generated now (see {@link SelfSignedCertificate}).
     *
     * @param extraNames names to put in the certificate besides the loopback ones, e.g. the bind address
     */
    public static ServerTls selfSigned(Collection<String> extraNames) {
        SelfSignedCertificate generated = SelfSignedCertificate.generate(extraNames);
        try {
            return new ServerTls(withAlpn(SslContextBuilder.forServer(generated.key(), generated.certificate())),
                    generated.certificate());
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS with a generated certificate: " + e.getMessage(), e);
        }
    }

    /**
     * TLS with a certificate chain and private key from PEM files.
     *
     * @param certificateChain the server's certificate first, then any intermediates
     * @param privateKey       its key, PKCS#8 ({@code BEGIN PRIVATE KEY}) or, with BouncyCastle present,
     *                         PKCS#1/SEC 1 ({@code BEGIN RSA/EC PRIVATE KEY}); unencrypted
     * @throws IllegalArgumentException naming the file when either cannot be read or does not fit the other
     */
    public static ServerTls fromPem(Path certificateChain, Path privateKey) {
        X509Certificate leaf;
        try (InputStream in = Files.newInputStream(certificateChain)) {
            Collection<? extends Certificate> chain =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("tls-cert " + certificateChain + ": no certificate in it");
            }
            leaf = (X509Certificate) chain.iterator().next();
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("tls-cert " + certificateChain + ": cannot read it: "
                    + e.getMessage(), e);
        }
        try {
            return new ServerTls(withAlpn(SslContextBuilder.forServer(certificateChain.toFile(), privateKey.toFile())),
                    leaf);
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("tls-key " + privateKey + ": cannot use it with " + certificateChain
                    + ": " + e.getMessage(), e);
        }
    }

    private static SslContext withAlpn(SslContextBuilder builder) throws SSLException {
        return builder
                .sslProvider(SslProvider.JDK)
                .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                .build();
    }

    /** Makes the per-connection TLS handlers. */
    public SslContext context() {
        return context;
    }

    /** The certificate the server presents: what a client must trust to verify it. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** {@code certificate} as PEM text ({@code -----BEGIN CERTIFICATE-----}), for a client's trust file. */
    public static String toPem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode the certificate: " + e.getMessage(), e);
        }
    }
}
