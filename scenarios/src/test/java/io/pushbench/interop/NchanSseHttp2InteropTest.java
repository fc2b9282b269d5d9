package io.pushbench.interop;

import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.TransportResult;
import io.pushbench.server.tls.SelfSignedCertificate;
import io.pushbench.server.tls.ServerTls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code capacity --transport sse-http2} as a user runs it, against nginx with nchan (Debian's
 * packages, see {@link Nginx}), whose HTTP/2 listeners allow {@value #STREAM_LIMIT} concurrent
 * streams per connection: over TLS (h2 by ALPN, a self-signed certificate made here and trusted by
 * {@code --trust-store}) with {@value #SUBSCRIBERS} subscribers, more than one connection takes;
 * over an h2c-only port with publishes over h2c prior knowledge; and with publishes that cannot
 * work there, each counted as an error with its cause, named in the verdict.
 */
@Timeout(120)
class NchanSseHttp2InteropTest {

    /** nginx's {@code http2_max_concurrent_streams}. */
    private static final int STREAM_LIMIT = 100;
    private static final int SUBSCRIBERS = 300;

    @TempDir
    static Path serverDir;
    private static Nginx nginx;
    private static Path certificate;

    @TempDir
    Path out;

    @BeforeAll
    static void startNginx() throws Exception {
        SelfSignedCertificate self = SelfSignedCertificate.generate(List.of());
        certificate = serverDir.resolve("cert.pem");
        Path key = serverDir.resolve("key.pem");
        Files.writeString(certificate, ServerTls.toPem(self.certificate()));
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(self.key().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        nginx = Nginx.start(serverDir, 2, ports -> "    http2_max_concurrent_streams " + STREAM_LIMIT + ";\n"
                + "    server {\n"
                + "        listen 127.0.0.1:" + ports.get(0) + " ssl http2;\n"
                + "        listen 127.0.0.1:" + ports.get(1) + " http2;\n"
                + "        ssl_certificate " + certificate + ";\n"
                + "        ssl_certificate_key " + key + ";\n"
                + Nginx.NCHAN_LOCATIONS
                + "    }\n");
    }

    @AfterAll
    static void stopNginx() {
        if (nginx != null) {
            nginx.close();
        }
    }

    private static String tls(String pathAndQuery) {
        return nginx.base("https", 0) + pathAndQuery;
    }

    private static String h2c(String pathAndQuery) {
        return nginx.base("http", 1) + pathAndQuery;
    }

    @Test
    void overTlsMoreSubscribersThanTheStreamLimitOpenMoreConnections() {
        TransportResult step = InteropCli.capacityStep(out, "--transport", "sse-http2", "--mode", "pubsub",
                "--url", tls("/sub?id=tls"), "--publish-url", tls("/pub?id=tls"), "--trust-store",
                certificate.toString(), "--connections", Integer.toString(SUBSCRIBERS), "--rate", "10");

        assertThat(step.errors()).as(nginx.errorLog()).isEmpty();
        assertThat(step.connections().opened()).isEqualTo(SUBSCRIBERS);
        assertThat(step.connections().tcpConnections()).as("ceil(%d / %d)", SUBSCRIBERS, STREAM_LIMIT)
                .isGreaterThanOrEqualTo((SUBSCRIBERS + STREAM_LIMIT - 1) / STREAM_LIMIT);
        assertThat(step.delivery().received()).isPositive();
        assertThat(step.delivery().lost()).isZero();
    }

    @Test
    void overH2cPublishesGoOverH2cPriorKnowledge() {
        TransportResult step = InteropCli.capacityStep(out, "--transport", "sse-http2", "--mode", "pubsub",
                "--url", h2c("/sub?id=h2c"), "--publish-url", h2c("/pub?id=h2c"), "--connections", "20",
                "--rate", "20");

        assertThat(step.errors()).as(nginx.errorLog()).isEmpty();
        assertThat(step.delivery().sent()).isPositive();
        assertThat(step.delivery().received()).isEqualTo(step.delivery().sent() * 20);
        assertThat(step.delivery().lost()).isZero();
    }

    @Test
    void publishingHttp11ToAnH2cOnlyPortCountsEveryPublishAsAnErrorNamedInTheVerdict() throws Exception {
        CapacityResult result = failedRun("--publish-url", h2c("/pub?id=mismatch"), "--publish-protocol", "http1");

        CapacityResult.Step step = result.steps().get(0);
        assertThat(step.result().errors()).containsOnlyKeys("protocol");
        assertThat(step.result().errors().get("protocol")).isGreaterThanOrEqualTo(step.result().delivery().sent());
        assertThat(result.verdict().summary()).contains("first error: publish to " + h2c("/pub?id=mismatch")
                + " over HTTP/1.1: the answer to the POST is not HTTP/1.x");
    }

    @Test
    void publishingWhereNchanHasNoPublisherCountsEveryHttpErrorNamedInTheVerdict() throws Exception {
        CapacityResult result = failedRun("--publish-url", h2c("/no-publisher?id=missing"));

        CapacityResult.Step step = result.steps().get(0);
        assertThat(step.result().errors()).containsOnlyKeys("http-status:404");
        assertThat(step.result().errors().get("http-status:404")).isGreaterThanOrEqualTo(step.result().delivery().sent());
        assertThat(result.verdict().summary()).contains("first error: publish to " + h2c("/no-publisher?id=missing")
                + " over h2c (prior knowledge): POST /no-publisher?id=missing answered HTTP 404");
    }

    /** A pubsub step over h2c subscriptions whose publishes all fail: it breaks, and the command fails naming why. */
    private CapacityResult failedRun(String... publishOptions) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("capacity", "--transport", "sse-http2", "--mode", "pubsub",
                "--url", h2c("/sub?id=failing"), "--connections", "5", "--rate", "20", "--step-duration", "2s",
                "--step-warmup", "500ms", "--io-threads", "1", "--no-generator-floor", "--quiet", "--out",
                out.toString()));
        args.addAll(List.of(publishOptions));
        io.pushbench.cli.CliTestSupport.Run run = io.pushbench.cli.CliTestSupport.run(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.out() + run.err()).isNotZero();
        assertThat(run.err()).contains("--publish-url").contains("nothing came back in the first step");
        CapacityResult result = ResultFiles.readCapacity(out);
        assertThat(result.steps()).hasSize(1);
        assertThat(result.steps().get(0).passed()).isFalse();
        assertThat(result.steps().get(0).result().delivery().sent()).isPositive();
        return result;
    }
}
