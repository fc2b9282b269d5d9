package io.pushbench.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.pushbench.cli.CliTestSupport.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input to {@code capacity} gets one line naming the option and what is wrong, and a non-zero
 * exit, never a stack trace: malformed and wrong-scheme URLs, a refused connection, TLS against a
 * plain server, HTTP errors from the target, bad ramps, objectives, headers and addresses.
 */
@Timeout(60)
class CapacityBadInputTest {

    private static ServerProcess server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerProcess.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    /** {@code capacity} with short steps, quiet, into the test's directory, then {@code args}. */
    private CliTestSupport.Run capacity(String... args) {
        List<String> all = new ArrayList<>(List.of("capacity", "--step-duration", "500ms", "--step-warmup", "0s",
                "--drain", "500ms", "--quiet", "--out", dir.toString()));
        all.addAll(List.of(args));
        return CliTestSupport.run(all.toArray(String[]::new));
    }

    private String echoUrl() {
        return server.base("ws") + "/ws/echo";
    }

    @Test
    void anUnknownOrMisplacedPublishProtocolIsNamed() {
        CliTestSupport.Run unknown = capacity("--mode", "pubsub", "--transport", "sse-http2", "--url",
                server.base("http") + "/sse", "--publish-url", server.base("http") + "/publish", "--publish-protocol", "h3");
        assertOneLineError(unknown, "--publish-protocol", "http1 or h2");
        assertThat(unknown.exitCode()).isEqualTo(PushBench.EXIT_USAGE);

        CliTestSupport.Run echo = capacity("--mode", "echo", "--url", echoUrl(), "--publish-protocol", "h2");
        assertOneLineError(echo, "--publish-protocol applies to --mode pubsub");
        assertThat(echo.exitCode()).isEqualTo(PushBench.EXIT_USAGE);
    }

    @Test
    void aMalformedUrlIsNamed() {
        assertOneLineError(capacity("--mode", "echo", "--url", "ws://exa mple/x"), "--url", "not a URL");
        assertOneLineError(capacity("--mode", "echo", "--url", "/ws/echo"), "--url", "not an absolute URL");
    }

    @Test
    void aUrlWhoseSchemeDoesNotFitTheTransportIsNamed() {
        CliTestSupport.Run run = capacity("--mode", "echo", "--transport", "websocket", "--url",
                server.base("http") + "/ws/echo");
        assertOneLineError(run, "--url http://", "websocket needs a ws:// or wss:// URL");
        assertThat(run.exitCode()).isEqualTo(PushBench.EXIT_USAGE);
        assertOneLineError(capacity("--mode", "echo", "--url", server.base("http") + "/x"),
                "--transport is needed for an http:// URL");
    }

    @Test
    void aRefusedConnectionEndsTheRunAtOnce() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliTestSupport.Run run = capacity("--mode", "echo", "--url", "ws://127.0.0.1:" + closedPort + "/ws/echo",
                "--connections", "10..100/10");
        assertOneLineError(run, "--url cannot connect to ws://127.0.0.1:" + closedPort, "connection refused");
        assertThat(run.exitCode()).isEqualTo(PushBench.EXIT_FAILURE);
        assertThat(run.out()).doesNotContain("step 1");
    }

    @Test
    void tlsToAPlainServerFailsNamingTheTrustOptions() {
        CliTestSupport.Run run = capacity("--mode", "echo", "--url", server.base("wss") + "/ws/echo");
        assertOneLineError(run, "TLS failed", "--trust-store", "--insecure");
    }

    @Test
    void anHttpErrorFromTheTargetIsShownWithItsStatus() {
        assertOneLineError(capacity("--mode", "echo", "--url", server.base("ws") + "/ws/nowhere"),
                "WebSocket upgrade refused with HTTP 404");
    }

    @Test
    void aPublishUrlThatAnswersErrorsIsNamedAfterTheFirstStep() {
        CliTestSupport.Run run = capacity("--mode", "pubsub", "--url", server.base("ws") + "/ws/broadcast",
                "--publish-url", server.base("http") + "/nowhere", "--connections", "2", "--rate", "20");
        assertOneLineError(run, "--publish-url " + server.base("http") + "/nowhere", "nothing came back",
                "POST answered HTTP 404");
        assertThat(run.out()).contains("http-status:404");
    }

    @Test
    void badRampsAreNamed() {
        assertOneLineError(capacity("--mode", "echo", "--url", echoUrl(), "--connections", "100..50/10"),
                "--connections", "last step (50)");
        assertOneLineError(capacity("--mode", "echo", "--url", echoUrl(), "--rate", "5..x/1"), "--rate", "'x'");
        assertOneLineError(capacity("--mode", "echo", "--url", echoUrl(), "--connections", "10.5"),
                "--connections", "whole numbers");
        assertOneLineError(capacity("--mode", "echo", "--url", echoUrl(), "--connections", "1..10/1",
                "--rate", "10..100/10"), "both ramp");
        assertOneLineError(capacity("--mode", "passive", "--url", echoUrl(), "--rate", "100"),
                "--rate does not apply to --mode passive");
    }

    @Test
    void badObjectivesAreQuoted() {
        assertOneLineError(capacity("--mode", "echo", "--url", echoUrl(), "--slo", "p99<fast"),
                "--slo", "'p99<fast'", "duration");
        assertOneLineError(capacity("--mode", "echo", "--url", echoUrl(), "--slo", "p99<100ms,errors<lots"),
                "--slo", "'errors<lots'", "percentage");
        assertOneLineError(capacity("--mode", "echo", "--url", echoUrl(), "--slo", "p42<1ms"),
                "--slo", "unknown objective 'p42'");
    }

    @Test
    void missingOrMisplacedUrlsForTheModeAreNamed() {
        assertOneLineError(capacity("--mode", "pubsub", "--url", server.base("ws") + "/ws/broadcast"),
                "--publish-url is needed for mode pubsub");
        assertOneLineError(capacity("--mode", "echo", "--url", echoUrl(), "--echo-url", server.base("http") + "/echo"),
                "--echo-url is only for echo on the HTTP transports");
        assertOneLineError(capacity("--url", echoUrl()), "--mode");
    }

    @Test
    void badTrustAndClientOptionsAreNamed() {
        assertOneLineError(capacity("--mode", "echo", "--url", echoUrl(), "--trust-store",
                dir.resolve("missing.p12").toString()), "--trust-store", "no such file");
        assertOneLineError(capacity("--mode", "echo", "--url", echoUrl(), "--insecure", "--trust-store",
                dir.resolve("missing.p12").toString()), "--insecure and --trust-store exclude each other");
        assertOneLineError(capacity("--mode", "echo", "--url", echoUrl(), "-H", "NoColonHere"),
                "--header", "'NoColonHere' is not a header");
        assertOneLineError(capacity("--mode", "echo", "--url", echoUrl(), "--local-addresses", "192.0.2.1"),
                "--local-addresses", "192.0.2.1 is not an address of this machine");
        assertOneLineError(capacity("--mode", "echo", "--url", echoUrl(), "--connect-rate", "fast"),
                "--connect-rate", "500/s");
    }
}
