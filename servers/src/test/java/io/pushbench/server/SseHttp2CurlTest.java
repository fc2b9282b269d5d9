package io.pushbench.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.pushbench.server.LongPollingEndToEndTest.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Interoperability: curl (nghttp2), an HTTP/2 client that shares no code with pushbench, reads the
 * reference server's event stream over h2c with prior knowledge and over TLS with ALPN. Skipped
 * when curl is missing or built without HTTP/2.
 */
class SseHttp2CurlTest {

    private ReferenceServer server;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(curlSpeaksHttp2(), "curl is not installed or lacks HTTP2 in 'curl -V': skipping the interoperability check");
        server = ReferenceServer.builder().tlsPort(0).start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void curlWithPriorKnowledgeReceivesEventsPublishedWhileConnected() throws Exception {
        String output = curlWhilePublishing(List.of("--http2-prior-knowledge",
                "http://127.0.0.1:" + server.port() + Paths.SSE));

        assertReceivedTheEvents(output);
    }

    @Test
    void curlOverTlsNegotiatesHttp2AndReceivesEventsPublishedWhileConnected() throws Exception {
        // -k: curl does not know the generated certificate (the driver's tests verify it fully).
        String output = curlWhilePublishing(List.of("--http2", "-k",
                "https://127.0.0.1:" + server.tlsPort() + Paths.SSE));

        assertReceivedTheEvents(output);
    }

    /** Runs curl (at most 3 s) and publishes two messages once its stream reached the server. */
    private String curlWhilePublishing(List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sN", "-D", "-", "--max-time", "3"));
        command.addAll(arguments);
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            awaitTrue(() -> server.stats().subscribers() == 1, "curl's stream reached the server");
            server.hub().publish("hello curl");
            server.hub().publish("two\nlines");
            assertThat(curl.waitFor(10, TimeUnit.SECONDS)).as("curl ended within its --max-time").isTrue();
            return new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            curl.destroyForcibly();
        }
    }

    private void assertReceivedTheEvents(String output) {
        assertThat(output).startsWith("HTTP/2 200")
                .containsIgnoringCase("content-type: text/event-stream")
                .contains("retry: 1000\n")
                .contains("id: 0\ndata: hello curl\n\n")
                .contains("id: 1\ndata: two\ndata: lines\n\n");
        assertThat(server.stats().acceptedConnections()).isEqualTo(1);
        assertThat(server.stats().errors()).isZero();
    }

    private static boolean curlSpeaksHttp2() {
        try {
            Process p = new ProcessBuilder("curl", "-V").redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0
                    && version.lines().anyMatch(line -> line.startsWith("Features:") && line.contains("HTTP2"));
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
