package io.pushbench.server;

import io.pushbench.server.tls.SelfSignedCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

import static io.pushbench.core.testing.Await.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The TLS port, spoken to by the JDK's own HTTP client (an independent HTTP/2 and TLS stack) with
 * full certificate and host-name verification against the server's certificate.
 */
class TlsPortTest {

    private ReferenceServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void alpnGivesHttp2ToClientsThatOfferIt() throws Exception {
        server = ReferenceServer.builder().tlsPort(0).start();

        HttpResponse<String> response = client(HttpClient.Version.HTTP_2, server.tlsCertificate())
                .send(HttpRequest.newBuilder(tls("/health")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok\n");
    }

    @Test
    void alpnGivesHttp11ToClientsThatOfferOnlyThat() throws Exception {
        server = ReferenceServer.builder().tlsPort(0).start();

        HttpResponse<String> response = client(HttpClient.Version.HTTP_1_1, server.tlsCertificate())
                .send(HttpRequest.newBuilder(tls("/health")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(response.body()).isEqualTo("ok\n");
    }

    @Test
    void postsOverHttp2ReachTheEndpoints() throws Exception {
        server = ReferenceServer.builder().tlsPort(0).start();
        HttpClient client = client(HttpClient.Version.HTTP_2, server.tlsCertificate());

        HttpResponse<String> publish = client.send(HttpRequest.newBuilder(tls(Paths.PUBLISH))
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> echo = client.send(HttpRequest.newBuilder(tls(Paths.ECHO + "?client=nobody"))
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(publish.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(publish.statusCode()).isEqualTo(204);
        assertThat(server.hub().published()).isEqualTo(1);
        assertThat(echo.statusCode()).isEqualTo(404);
        assertThat(echo.body()).contains("nobody");
    }

    @Test
    void theGeneratedCertificateNamesTheLoopbackAddresses() throws Exception {
        server = ReferenceServer.builder().tlsPort(0).start();

        assertThat(server.tlsCertificate().getSubjectAlternativeNames())
                .extracting(name -> (Object) name.get(1))
                .contains("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1");
    }

    @Test
    void aGivenCertificateIsServedInsteadOfAGeneratedOne(@TempDir Path dir) throws Exception {
        SelfSignedCertificate given = SelfSignedCertificate.generate(List.of());
        Path certificate = Files.writeString(dir.resolve("server.crt"),
                pem("CERTIFICATE", given.certificate().getEncoded()));
        Path key = Files.writeString(dir.resolve("server.key"), pem("PRIVATE KEY", given.key().getEncoded()));
        server = ReferenceServer.builder().tlsPort(0).tlsCertificate(certificate, key).start();

        HttpResponse<String> response = client(HttpClient.Version.HTTP_2, given.certificate())
                .send(HttpRequest.newBuilder(tls("/health")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(server.tlsCertificate()).isEqualTo(given.certificate());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefusedAndCounted() throws Exception {
        server = ReferenceServer.builder().tlsPort(0).start();
        X509Certificate stranger = SelfSignedCertificate.generate(List.of()).certificate();

        try (SSLSocket socket = (SSLSocket) sslContext(stranger).getSocketFactory()
                .createSocket("127.0.0.1", server.tlsPort())) {
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class);
        }
        awaitTrue(() -> server.stats().errors() > 0, "the failed handshake counted");
        assertThat(server.stats().errors()).isEqualTo(1);
    }

    @Test
    void tlsIsOffUnlessAPortIsGiven() throws Exception {
        server = ReferenceServer.builder().start();

        assertThat(server.tlsPort()).isEqualTo(ReferenceServer.TLS_OFF);
    }

    private URI tls(String path) {
        return URI.create("https://127.0.0.1:" + server.tlsPort() + path);
    }

    private static HttpClient client(HttpClient.Version version, X509Certificate trusted) throws Exception {
        return HttpClient.newBuilder().version(version).sslContext(sslContext(trusted)).build();
    }

    private static SSLContext sslContext(X509Certificate trusted) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("server", trusted);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, trust.getTrustManagers(), null);
        return ssl;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
