package io.pushbench.core.driver;

import com.fasterxml.jackson.annotation.JsonIgnore;

import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;

/**
 * How clients check the server's certificate on {@code wss://} and {@code https://} targets.
 * The default, {@link #VERIFY}, verifies the chain against the JDK's trust store and the host
 * name against the certificate, as a browser would.
 *
 * @param trustStore         a PKCS12 or JKS file with the certificates to trust instead of the JDK's
 *                           (e.g. a self-signed server's); null for the JDK's trust store
 * @param trustStorePassword the trust store's password; null or empty for none. Never written to
 *                           result files and not shown by {@link #toString()}
 * @param insecure           trust any certificate and skip the host-name check: for test servers only;
 *                           excludes {@code trustStore}
 */
public record TlsOptions(Path trustStore, @JsonIgnore String trustStorePassword, boolean insecure) {

    /** Verify certificates against the JDK's trust store and check host names. */
    public static final TlsOptions VERIFY = new TlsOptions(null, null, false);

    /** @throws IllegalArgumentException when {@code insecure} is combined with a trust store */
    public TlsOptions {
        if (insecure && trustStore != null) {
            throw new IllegalArgumentException("trust-store " + trustStore
                    + " cannot be combined with insecure: either verify against the trust store or trust everything");
        }
    }

    /** Trust everything (no verification, no host-name check). */
    public static TlsOptions trustAll() {
        return new TlsOptions(null, null, true);
    }

    /** Trust the certificates in {@code trustStore} (PKCS12 or JKS; the type is detected). */
    public static TlsOptions trustStore(Path trustStore, String password) {
        return new TlsOptions(trustStore, password, false);
    }

    /**
     * Trust managers for {@link #trustStore}, or null when the JDK's default applies (no trust
     * store, or {@link #insecure}).
     *
     * @throws IllegalArgumentException naming the trust store and why it cannot be used
     */
    public TrustManagerFactory trustManagers() {
        if (trustStore == null) {
            return null;
        }
        String prefix = "trust-store " + trustStore + ": ";
        if (!Files.isReadable(trustStore)) {
            throw new IllegalArgumentException(prefix + (Files.exists(trustStore) ? "cannot be read" : "no such file"));
        }
        char[] password = trustStorePassword == null ? null : trustStorePassword.toCharArray();
        try {
            KeyStore store = KeyStore.getInstance(trustStore.toFile(), password);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(prefix + "no such file", e);
        } catch (IOException e) {
            String why = e.getCause() instanceof UnrecoverableKeyException
                    ? "wrong password (give it with --trust-store-password)"
                    : "not a readable PKCS12 or JKS file (" + e.getMessage() + ")";
            throw new IllegalArgumentException(prefix + why, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(prefix + "not a PKCS12 or JKS trust store (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public String toString() {
        return insecure ? "insecure (trust all)" : trustStore == null ? "verify (JDK trust store)"
                : "verify (trust store " + trustStore + ")";
    }
}
