package io.pushbench.core.driver;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

/**
 * A {@link TlsTrust} as the JDK's TLS objects, for the library drivers (Jetty, OkHttp) that take an
 * {@link SSLContext} and an {@link X509TrustManager}. Host names are checked by the libraries
 * themselves, except for {@link TlsTrust.Insecure}, for which {@link #checksHostName} is false.
 *
 * @param context      a TLS context trusting as the trust says
 * @param trustManager its trust manager
 */
public record JdkTls(SSLContext context, X509TrustManager trustManager) {

    /**
     * The JDK's objects for {@code trust}.
     *
     * @throws IllegalStateException when the JDK cannot build them (no TLS provider)
     */
    public static JdkTls of(TlsTrust trust) {
        try {
            X509TrustManager manager = trust instanceof TlsTrust.Insecure ? new TrustingAll() : fromStore(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {manager}, null);
            return new JdkTls(context, manager);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** Whether a client should check the server's host name: for every trust but {@link TlsTrust.Insecure}. */
    public static boolean checksHostName(TlsTrust trust) {
        return !(trust instanceof TlsTrust.Insecure);
    }

    private static X509TrustManager fromStore(TlsTrust trust) throws GeneralSecurityException, java.io.IOException {
        KeyStore store = null;
        if (trust instanceof TlsTrust.Certificates certificates) {
            store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate certificate : certificates.certificates()) {
                store.setCertificateEntry("trusted-" + n++, certificate);
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JDK offers no X.509 trust manager");
    }

    /** Accepts every certificate: for {@link TlsTrust.Insecure} only, loopback testing. */
    private static final class TrustingAll implements X509TrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
