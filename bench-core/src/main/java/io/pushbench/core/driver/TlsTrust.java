package io.pushbench.core.driver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Which server certificates a driver accepts over TLS ({@code https://}, {@code wss://}).
 *
 * <table>
 *   <caption>Choices</caption>
 *   <tr><th>trust</th><th>chain checked against</th><th>host name checked</th><th>use</th></tr>
 *   <tr><td>{@link #system()} (default)</td><td>the JDK's trust store</td><td>yes</td><td>real servers</td></tr>
 *   <tr><td>{@link #certificates}, {@link #pemFile}</td><td>only the given certificates</td><td>yes</td>
 *       <td>a self-signed server, such as the reference server's TLS port (its generated certificate names
 *       {@code localhost}, {@code 127.0.0.1} and {@code ::1})</td></tr>
 *   <tr><td>{@link #insecure()}</td><td>nothing: any certificate is accepted</td><td>no</td>
 *       <td>loopback testing only; it proves nothing about whom the driver talks to</td></tr>
 * </table>
 *
 * <p>Immutable.
 */
public sealed interface TlsTrust {

    /** The JDK's default trust store, with host-name verification. */
    record SystemDefault() implements TlsTrust {
    }

    /** Exactly these certificates as trust anchors (a self-signed server's own, or a private CA), with host-name verification. */
    record Certificates(List<X509Certificate> certificates) implements TlsTrust {
        public Certificates {
            certificates = List.copyOf(certificates);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("trust needs at least one certificate");
            }
        }
    }

    /** Any certificate, no host-name check: for loopback tests against a self-signed server only. */
    record Insecure() implements TlsTrust {
    }

    /** The default: the JDK's trust store. */
    static TlsTrust system() {
        return new SystemDefault();
    }

    /** Trust exactly {@code certificates}. */
    static TlsTrust certificates(X509Certificate... certificates) {
        return new Certificates(List.of(certificates));
    }

    /**
     * Trust exactly the certificates in a PEM (or DER) file.
     *
     * @throws IllegalArgumentException naming the file when it cannot be read or holds no certificate
     */
    static TlsTrust pemFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("trust-store " + file + ": no certificate in it");
            }
            return new Certificates(certificates);
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("trust-store " + file + ": cannot read certificates: "
                    + e.getMessage(), e);
        }
    }

    /** Accept any certificate: for loopback tests only. */
    static TlsTrust insecure() {
        return new Insecure();
    }
}
