package io.pushbench.cli;

import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.TransportResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.pushbench.cli.CliTestSupport.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * capacity over TLS against {@code serve --tls-port 0} in its own process, whose self-signed
 * certificate is refused by default, trusted from the PEM file it writes ({@code --trust-store}),
 * or not checked at all ({@code --insecure}, with a warning); sse-http2 negotiates h2 by ALPN.
 */
@Timeout(60)
class CapacityTlsTest {

    private static ServerProcess server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerProcess.start("--tls-port", "0");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private String tls(String scheme, String path) {
        return scheme + "://127.0.0.1:" + server.tlsPort() + path;
    }

    private CliTestSupport.Run capacity(String... args) {
        List<String> all = new ArrayList<>(List.of("capacity", "--step-duration", "1s", "--step-warmup", "200ms",
                "--slo", "p99<10s", "--io-threads", "1", "--quiet", "--out", dir.toString()));
        all.addAll(List.of(args));
        return CliTestSupport.run(all.toArray(String[]::new));
    }

    private TransportResult onlyStep(CliTestSupport.Run run) throws Exception {
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        CapacityResult result = ResultFiles.readCapacity(dir);
        assertThat(result.steps()).hasSize(1).allMatch(CapacityResult.Step::passed);
        return result.steps().get(0).result();
    }

    @Test
    void aSelfSignedServerIsRefusedNamingTheWayOut() {
        CliTestSupport.Run run = capacity("--mode", "echo", "--url", tls("wss", "/ws/echo"));
        assertOneLineError(run, "TLS failed", "--trust-store", "--insecure");
        assertThat(run.exitCode()).isEqualTo(PushBench.EXIT_FAILURE);
    }

    @Test
    void wssEchoWithTheServersCertificateAsTrustStore() throws Exception {
        TransportResult r = onlyStep(capacity("--mode", "echo", "--url", tls("wss", "/ws/echo"), "--connections", "3",
                "--rate", "30", "--trust-store", server.certificate().toString()));
        assertThat(r.delivery().received()).isEqualTo(30);
        assertThat(r.delivery().lost()).isZero();
    }

    @Test
    void sseOverHttp2ByAlpnWithPubsub() throws Exception {
        TransportResult r = onlyStep(capacity("--transport", "sse-http2", "--mode", "pubsub",
                "--url", tls("https", "/sse"), "--publish-url", tls("https", "/publish"),
                "--connections", "3", "--rate", "20", "--trust-store", server.certificate().toString()));
        assertThat(r.transport().id()).isEqualTo("sse-http2");
        assertThat(r.connections().tcpConnections()).as("every stream on one HTTP/2 connection").isEqualTo(1);
        assertThat(r.delivery().received()).isEqualTo(60);
        assertThat(r.delivery().lost()).isZero();
    }

    @Test
    void insecureTrustsAnythingAndSaysSo() throws Exception {
        CliTestSupport.Run run = capacity("--mode", "echo", "--url", tls("wss", "/ws/echo"), "--connections", "2",
                "--rate", "20", "--insecure");
        onlyStep(run);
        assertThat(run.err()).startsWith("pushbench: warning: --insecure");
    }
}
