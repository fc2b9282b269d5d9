package io.pushbench.server.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A certificate made up at start for the TLS port when none is given: an ECDSA P-256 key, signed
 * by itself, valid for {@value #VALIDITY_DAYS} days from a day ago, for server authentication,
 * naming {@code localhost}, {@code 127.0.0.1}, {@code ::1} and any extra names as subject
 * alternative names. The names matter: clients that verify the server's identity (the JDK with
 * endpoint identification, curl without {@code -k}) match the host they connected to against
 * them, not against the common name, so a client told to trust this certificate connects to
 * {@code https://127.0.0.1:PORT} with full verification.
 *
 * <p>Generated with BouncyCastle's certificate builder and the JDK's own key and signature
 * providers (Netty's {@code SelfSignedCertificate} is deprecated and puts no alternative names in).
 *
 * @param certificate the certificate, its own issuer
 * @param key         its private key
 */
public record SelfSignedCertificate(X509Certificate certificate, PrivateKey key) {

    /** How long a generated certificate is valid. */
    public static final int VALIDITY_DAYS = 365;

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|.*:.*");

    /**
     * A JDK TLS context that presents this certificate, for a server on plain JDK sockets (the
     * floor of a comparison over TLS).
     *
     * @throws IllegalStateException if the JDK refuses the key (it made it)
     */
    public SSLContext serverContext() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = new char[0];
            store.setKeyEntry("server", key, password, new Certificate[] {certificate});
            KeyManagerFactory keys = KeyManagerFactory.getInstance(
                    KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot use the self-signed certificate: " + e.getMessage(), e);
        }
    }

    /**
     * Generates a key pair and a certificate for it.
     *
     * @param extraNames host names or IP literals to name besides the loopback ones (e.g. the
     *                   address the server is bound to); wildcard addresses are skipped
     * @throws IllegalStateException if the JDK lacks EC keys or ECDSA signatures (every JDK 17 has them)
     */
    public static SelfSignedCertificate generate(Collection<String> extraNames) {
        Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        for (String name : extraNames) {
            if (!name.equals("0.0.0.0") && !name.equals("::") && !name.isBlank()) {
                names.add(name);
            }
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=pushbench reference server");
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, new SecureRandom()).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(VALIDITY_DAYS))),
                    subject, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(names));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            return new SelfSignedCertificate(certificate, keys.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("cannot generate a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static GeneralNames alternativeNames(Set<String> names) {
        return new GeneralNames(names.stream()
                .map(name -> new GeneralName(IP_LITERAL.matcher(name).matches()
                        ? GeneralName.iPAddress : GeneralName.dNSName, name))
                .toArray(GeneralName[]::new));
    }
}
