package io.pushbench.cli;

import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.RunResult;
import io.pushbench.core.result.TransportResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code compare --tls} as a user runs it: the four transports over TLS against the embedded
 * server's self-signed certificate (wss, https SSE, h2 by ALPN, https long polling), the floor and
 * the generator floor over TLS too, and TLS said in the summary, the result and the report.
 */
@Timeout(120)
class CompareTlsTest {

    @Test
    void everyTransportAndBothFloorsRunOverTls(@TempDir Path dir) throws Exception {
        CliTestSupport.Run run = CliTestSupport.run("compare", "--tls", "--rate", "100", "--subscribers", "3",
                "--warmup", "500ms", "--duration", "1s", "--drain", "2s", "--out", dir.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("running websocket with netty over TLS", "raw TLS ping-pong", "over TLS: wss://");
        RunResult result = ResultFiles.read(dir);
        assertThat(result.scenario().tls()).isTrue();
        assertThat(result.results()).extracting(TransportResult::label)
                .containsExactly("long-polling", "websocket", "sse-http1", "sse-http2");
        assertThat(result.results()).allSatisfy(r -> {
            assertThat(r.errors()).as(r.label()).isEmpty();
            assertThat(r.delivery().received()).as(r.label()).isEqualTo(3 * r.delivery().sent()).isPositive();
            assertThat(r.delivery().lost()).as(r.label()).isZero();
        });
        assertThat(result.floor()).isNotNull();
        assertThat(result.floor().received()).isEqualTo(result.floor().sent());
        assertThat(result.generatorFloor()).as("the bare SSE readers over TLS").isNotNull();
        assertThat(result.generatorFloor().received()).isPositive();
        assertThat(Files.readString(dir.resolve("report.html"))).contains("over TLS");
    }

    @Test
    void tlsAgainstARunningServerIsRefusedNamingTheWayOut() {
        CliTestSupport.Run run = CliTestSupport.run("compare", "--tls", "--server", "http://127.0.0.1:1");

        CliTestSupport.assertOneLineError(run, "--tls", "pushbench capacity");
        assertThat(run.exitCode()).isEqualTo(PushBench.EXIT_USAGE);
    }
}
