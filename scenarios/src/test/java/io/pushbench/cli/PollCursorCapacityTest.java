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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code capacity --poll-cursor} against the reference server in its own process: the header
 * cursor, with the server's own last-id header sent back as the {@code after} parameter (a server
 * that names its cursor in a response header), and the option's bad input. The etag cursor is
 * tested against nchan ({@code io.pushbench.interop.NchanInteropTest}), pushbench's own by every
 * long-polling test.
 */
@Timeout(60)
class PollCursorCapacityTest {

    private static ServerProcess server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerProcess.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void headerCursorSentBackAsAQueryParameterLosesNothing() throws Exception {
        CliTestSupport.Run run = CliTestSupport.run("capacity", "--transport", "long-polling",
                "--poll-cursor", "header:Pushbench-Last-Id,query:after",
                "--url", server.base("http") + "/poll", "--publish-url", server.base("http") + "/publish",
                "--mode", "pubsub", "--connections", "5", "--rate", "100", "--step-duration", "2s",
                "--step-warmup", "500ms", "--slo", "p99<10s", "--io-threads", "1", "--no-generator-floor", "--quiet",
                "--out", dir.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        CapacityResult result = ResultFiles.readCapacity(dir);
        TransportResult r = result.steps().get(0).result();
        assertThat(r.errors()).isEmpty();
        assertThat(r.delivery().sent()).isEqualTo(200);
        assertThat(r.delivery().received()).isEqualTo(1000);
        assertThat(r.delivery().lost()).isZero();
        assertThat(r.delivery().duplicated()).isZero();
    }

    @Test
    void aMalformedCursorIsAOneLineUsageError() {
        CliTestSupport.Run run = CliTestSupport.run("capacity", "--transport", "long-polling", "--poll-cursor",
                "header:", "--url", "http://127.0.0.1:1/poll", "--mode", "passive");
        CliTestSupport.assertOneLineError(run, "--poll-cursor", "header:NAME");
        assertThat(run.exitCode()).isEqualTo(PushBench.EXIT_USAGE);
    }

    @Test
    void aCursorForAnotherTransportIsAUsageError() {
        CliTestSupport.Run run = CliTestSupport.run("capacity", "--poll-cursor", "etag",
                "--url", "ws://127.0.0.1:1/ws", "--mode", "passive");
        CliTestSupport.assertOneLineError(run, "--poll-cursor applies to --transport long-polling only");
        assertThat(run.exitCode()).isEqualTo(PushBench.EXIT_USAGE);
    }
}
