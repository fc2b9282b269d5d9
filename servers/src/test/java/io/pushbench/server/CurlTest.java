package io.pushbench.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.pushbench.core.testing.Await.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Interoperability: curl, an HTTP client that shares no code with pushbench, reads each HTTP
 * transport of the reference server: a long poll, an event stream over HTTP/1.1, and one over
 * HTTP/2 with prior knowledge (h2c) and with ALPN over TLS. Skipped when curl is missing, or for
 * HTTP/2 when it is built without it. Each check publishes once curl's request reached the server
 * and waits for the messages in curl's output, not for a time.
 */
class CurlTest {

    private static final String TWO_EVENTS = "id: 0\ndata: hello curl\n\nid: 1\ndata: two\ndata: lines\n\n";

    private ReferenceServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Publishes the two messages of every check once {@code curl}'s request is a subscriber. */
    private void publishOnceSubscribed(String what) throws InterruptedException {
        awaitTrue(() -> server.stats().subscribers() == 1, what + " reached the server");
        server.hub().publish("hello curl");
        server.hub().publish("two\nlines");
    }

    @Test
    void aLongPollGetsTheMessagePublishedWhileItWaits() throws Exception {
        assumeTrue(Curl.available(), "curl is not installed: skipping the interoperability check");
        server = ReferenceServer.builder().start();
        server.hub().publish("before");
        try (Curl curl = Curl.start(List.of("-D", "-",
                "http://127.0.0.1:" + server.port() + Paths.POLL + "?after=0"))) {
            awaitTrue(() -> server.stats().subscribers() == 1, "curl's poll reached the server");
            server.hub().publish("hello curl\nsecond line");

            assertThat(curl.awaitExit()).as("curl's exit value").isZero();
            assertThat(curl.output()).startsWith("HTTP/1.1 200 OK\r\n")
                    .containsIgnoringCase("pushbench-last-id: 1\r\n")
                    .endsWith("\r\n\r\n1 hello curl\\nsecond line\n");
        }
    }

    @Test
    void anEventStreamOverHttp1CarriesTheEventsPublishedWhileConnected() throws Exception {
        assumeTrue(Curl.available(), "curl is not installed: skipping the interoperability check");
        server = ReferenceServer.builder().start();
        try (Curl curl = Curl.start(List.of("-N", "http://127.0.0.1:" + server.port() + Paths.SSE))) {
            publishOnceSubscribed("curl's stream");

            curl.awaitOutputContaining(TWO_EVENTS);
            assertThat(curl.output()).isEqualTo("retry: 1000\n" + TWO_EVENTS);
            assertThat(curl.isRunning()).as("the stream does not end by itself").isTrue();
        }
    }

    @Test
    void anEventStreamOverH2cWithPriorKnowledgeCarriesTheEvents() throws Exception {
        assumeTrue(Curl.speaksHttp2(), "curl is not installed or lacks HTTP2 in 'curl -V': skipping the check");
        server = ReferenceServer.builder().start();
        try (Curl curl = Curl.start(List.of("-N", "-D", "-", "--http2-prior-knowledge",
                "http://127.0.0.1:" + server.port() + Paths.SSE))) {
            publishOnceSubscribed("curl's stream");

            assertHttp2StreamCarriedTheEvents(curl);
        }
    }

    @Test
    void anEventStreamOverTlsNegotiatesHttp2AndCarriesTheEvents() throws Exception {
        assumeTrue(Curl.speaksHttp2(), "curl is not installed or lacks HTTP2 in 'curl -V': skipping the check");
        server = ReferenceServer.builder().tlsPort(0).start();
        // -k: curl does not know the generated certificate (the drivers' tests verify it fully).
        try (Curl curl = Curl.start(List.of("-N", "-D", "-", "--http2", "-k",
                "https://127.0.0.1:" + server.tlsPort() + Paths.SSE))) {
            publishOnceSubscribed("curl's stream");

            assertHttp2StreamCarriedTheEvents(curl);
        }
    }

    private void assertHttp2StreamCarriedTheEvents(Curl curl) throws InterruptedException {
        curl.awaitOutputContaining(TWO_EVENTS);
        assertThat(curl.output()).startsWith("HTTP/2 200")
                .containsIgnoringCase("content-type: text/event-stream")
                .contains("retry: 1000\n");
        assertThat(server.stats().acceptedConnections()).isEqualTo(1);
        assertThat(server.stats().errors()).isZero();
    }
}
