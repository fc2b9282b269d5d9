package io.pushbench.cli;

import io.pushbench.server.ReferenceServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets one line naming the option and a non-zero exit, never a stack trace. */
class BadInputTest {

    private static void assertOneLineError(CliTestSupport.Run run, String... fragments) {
        assertThat(run.exitCode()).isNotZero();
        String first = run.err().lines().findFirst().orElse("");
        assertThat(first).startsWith("pushbench: ").contains(fragments);
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

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
    void aPortInUseIsNamed() throws Exception {
        try (ReferenceServer occupant = ReferenceServer.builder().start()) {
            String port = String.valueOf(occupant.port());
            CliTestSupport.Run serve = CliTestSupport.run("serve", "--port", port);
            assertOneLineError(serve, "--port " + port, "in use");
            assertThat(serve.exitCode()).isEqualTo(PushBench.EXIT_FAILURE);

            CliTestSupport.Run compare = CliTestSupport.run("compare", "--port", port, "--duration", "1s");
            assertOneLineError(compare, "--port " + port);
        }
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
