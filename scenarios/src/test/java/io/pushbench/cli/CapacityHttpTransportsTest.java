package io.pushbench.cli;

import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.TransportResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * capacity is generic over the transport: pubsub and echo through the HTTP transports of a
 * reference server in its own process, with a {@code client=} parameter made unique per connection
 * so that each echo answer comes down its sender's own push channel.
 */
@Timeout(60)
class CapacityHttpTransportsTest {

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

    /** The transport's push path on the reference server. */
    private static String pushPath(String transport) {
        return transport.equals("long-polling") ? "/poll" : "/sse";
    }

    @ParameterizedTest
    @ValueSource(strings = {"sse-http1", "sse-http2", "long-polling"})
    void pubsubDeliversEveryMessageToEverySubscriber(String transport) throws Exception {
        TransportResult r = runOneStep("--transport", transport, "--mode", "pubsub",
                "--url", server.base("http") + pushPath(transport), "--publish-url", server.base("http") + "/publish",
                "--connections", "3", "--rate", "50");
        assertThat(r.transport().id()).isEqualTo(transport);
        assertThat(r.delivery().sent()).isEqualTo(50);
        assertThat(r.delivery().received()).isEqualTo(150);
        assertThat(r.delivery().lost()).isZero();
        assertThat(r.delivery().duplicated()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sse-http1", "sse-http2", "long-polling"})
    void echoAnswersComeDownEachSendersOwnChannel(String transport) throws Exception {
        TransportResult r = runOneStep("--transport", transport, "--mode", "echo",
                "--url", server.base("http") + pushPath(transport) + "?client=cap",
                "--echo-url", server.base("http") + "/echo?client=cap", "--connections", "4", "--rate", "40");
        assertThat(r.delivery().sent()).isEqualTo(40);
        assertThat(r.delivery().received()).isEqualTo(40);
        assertThat(r.delivery().lost()).isZero();
        assertThat(r.errors()).isEmpty();
    }

    private TransportResult runOneStep(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("capacity", "--step-duration", "1s", "--step-warmup", "300ms",
                "--slo", "p99<10s", "--io-threads", "1", "--quiet", "--out", dir.toString()));
        args.addAll(List.of(options));
        CliTestSupport.Run run = CliTestSupport.run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        CapacityResult result = ResultFiles.readCapacity(dir);
        assertThat(result.steps()).hasSize(1);
        assertThat(result.steps().get(0).passed()).as(result.verdict().summary()).isTrue();
        return result.steps().get(0).result();
    }
}
