package io.pushbench.cli;

import io.pushbench.server.ReferenceServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.pushbench.cli.CliTestSupport.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets one line naming the option and a non-zero exit, never a stack trace. */
class BadInputTest {

    @Test
    void anUnknownTransportIsNamedWithTheValidOnes() {
        CliTestSupport.Run run = CliTestSupport.run("compare", "--transports", "carrier-pigeon");
        assertOneLineError(run, "--transports", "carrier-pigeon", "websocket", "sse-http2");
        assertThat(run.exitCode()).isEqualTo(PushBench.EXIT_USAGE);
    }

    @Test
    void aNegativeRateIsRefused() {
        CliTestSupport.Run run = CliTestSupport.run("compare", "--rate", "-5");
        assertOneLineError(run, "--rate", "-5");
        assertThat(run.exitCode()).isEqualTo(PushBench.EXIT_USAGE);
    }

    @Test
    void aMalformedDurationSaysWhatIsValid() {
        CliTestSupport.Run run = CliTestSupport.run("compare", "--duration", "soon");
        assertOneLineError(run, "--duration", "soon", "10s");
    }

    @Test
    void aZeroSubscriberCountIsRefused() {
        CliTestSupport.Run run = CliTestSupport.run("compare", "--subscribers", "0");
        assertOneLineError(run, "--subscribers", "0");
    }

    @Test
    void aPortInUseIsNamed(@TempDir Path dir) throws Exception {
        try (ReferenceServer occupant = ReferenceServer.builder().start()) {
            String port = String.valueOf(occupant.port());
            CliTestSupport.Run serve = CliTestSupport.run("serve", "--port", port);
            assertOneLineError(serve, "--port " + port, "in use");
            assertThat(serve.exitCode()).isEqualTo(PushBench.EXIT_FAILURE);

            CliTestSupport.Run compare = CliTestSupport.run("compare", "--port", port, "--duration", "1s",
                    "--out", dir.resolve("run").toString());
            assertOneLineError(compare, "--port " + port);
        }
    }

    @Test
    void aServerNothingListensOnIsNamedBeforeTheRunStarts(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        CliTestSupport.Run run = CliTestSupport.run("compare", "--server", url, "--out", dir.resolve("run").toString());
        assertOneLineError(run, "--server " + url, "cannot connect", "pushbench serve --port " + port);
        assertThat(run.exitCode()).isEqualTo(PushBench.EXIT_FAILURE);
        assertThat(dir.resolve("run")).as("nothing written for a run that never started").doesNotExist();
    }

    @Test
    void anUnknownServerHostIsNamed() {
        CliTestSupport.Run run = CliTestSupport.run("compare", "--server", "http://no-such-host.invalid:8080");
        assertOneLineError(run, "--server http://no-such-host.invalid:8080", "unknown host no-such-host.invalid");
    }

    @Test
    void aServerUrlThatIsNotAPlainHttpPortSaysWhatIsValid() {
        for (String url : new String[] {"https://127.0.0.1:8443", "ws://127.0.0.1:8080/ws", "http://127.0.0.1:8080/sse",
                "http://127.0.0.1"}) {
            CliTestSupport.Run run = CliTestSupport.run("compare", "--server", url);
            assertOneLineError(run, "--server " + url, "http://HOST:PORT");
            assertThat(run.exitCode()).isEqualTo(PushBench.EXIT_USAGE);
        }
        CliTestSupport.Run run = CliTestSupport.run("compare", "--server", "http://127.0.0.1:8080", "--port", "9000");
        assertOneLineError(run, "--port", "pushbench serve");
    }

    @Test
    void aTlsCertificateWithoutItsKeyIsRefused(@TempDir Path dir) throws Exception {
        Path certificate = Files.writeString(dir.resolve("server.crt"), "not a certificate");
        CliTestSupport.Run run = CliTestSupport.run("serve", "--port", "0", "--tls-port", "0", "--tls-cert",
                certificate.toString());
        assertOneLineError(run, "--tls-cert", "--tls-key");
        assertThat(run.exitCode()).isEqualTo(PushBench.EXIT_USAGE);

        CliTestSupport.Run unreadable = CliTestSupport.run("serve", "--port", "0", "--tls-port", "0", "--tls-cert",
                certificate.toString(), "--tls-key", certificate.toString());
        assertOneLineError(unreadable, "--tls-cert " + certificate);
    }

    @Test
    void anUnwritableOutDirectoryIsNamedBeforeTheRunStarts(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("occupied"), "a file, not a directory");
        CliTestSupport.Run run = CliTestSupport.run("compare", "--out", file.resolve("sub").toString());
        assertOneLineError(run, "--out", "cannot write");
        assertThat(run.out()).doesNotContain("running");
    }

    @Test
    void anUnknownOptionPointsToHelp() {
        CliTestSupport.Run run = CliTestSupport.run("compare", "--rte", "5");
        assertOneLineError(run, "--rte");
        assertThat(run.err()).contains("pushbench compare --help");
    }
}
