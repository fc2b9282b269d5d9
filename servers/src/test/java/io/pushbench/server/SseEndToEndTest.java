package io.pushbench.server;

import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.sse.NettySseHttp1Driver;
import io.pushbench.core.engine.RunSpec;
import io.pushbench.core.engine.TransportRun;
import io.pushbench.core.engine.Workload;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.transport.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.pushbench.server.LongPollingEndToEndTest.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The reference server's {@code /sse} and the Netty SSE driver, through the engine, over loopback. */
class SseEndToEndTest {

    @TempDir
    Path dir;

    private ReferenceServer server;
    private final NettySseHttp1Driver driver = new NettySseHttp1Driver(1);

    @BeforeEach
    void start() throws IOException {
        server = ReferenceServer.builder().start();
    }

    @AfterEach
    void stop() {
        driver.close();
        server.close();
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    @Test
    void everyBroadcastMessageIsReceivedOnceInOrderBySubscriber() throws Exception {
        RunSpec spec = RunSpec.builder().transports(List.of(Transport.SSE_HTTP1)).rate(1000).subscribers(10)
                .warmup(Duration.ofMillis(200)).duration(Duration.ofSeconds(2)).build();
        TransportResult result = TransportRun.builder().spec(spec).driver(driver)
                .target(Target.of(uri(Paths.SSE + "?client=e2e")))
                .publisher((seq, intended) -> server.hub().publishEnvelope(seq, intended, spec.messageSize()))
                .resultDir(dir).build().run();

        TransportResult.Delivery d = result.delivery();
        assertThat(d.sent()).isEqualTo(2000);
        assertThat(d.expected()).isEqualTo(20_000);
        assertThat(d.received()).isEqualTo(d.expected());
        assertThat(d.lost()).isZero();
        assertThat(d.duplicated()).isZero();
        assertThat(d.outOfOrder()).isZero();
        assertThat(d.negativeLatencies()).isZero();
        assertThat(result.connections().opened()).isEqualTo(10);
        assertThat(result.connections().tcpConnections()).isEqualTo(10);
        assertThat(result.connections().reconnects()).isZero();
        assertThat(result.errors()).isEmpty();
        assertThat(result.latency().get(Metrics.PUSH_CORRECTED).count()).isEqualTo(20_000);
        assertThat(server.stats().dropped()).isZero();
    }

    @Test
    void everyEchoRequestIsAnsweredOnceDownItsOwnStream() throws Exception {
        RunSpec spec = RunSpec.builder().transports(List.of(Transport.SSE_HTTP1)).workload(Workload.ECHO)
                .rate(500).subscribers(5).warmup(Duration.ofMillis(200)).duration(Duration.ofSeconds(2)).build();
        TransportResult result = TransportRun.builder().spec(spec).driver(driver)
                .target(Target.of(uri(Paths.SSE + "?client=echo"), uri(Paths.ECHO + "?client=echo")))
                .resultDir(dir).build().run();

        assertThat(result.delivery().sent()).isEqualTo(1000);
        assertThat(result.delivery().received()).isEqualTo(1000);
        assertThat(result.delivery().lost()).isZero();
        assertThat(result.delivery().duplicated()).isZero();
        assertThat(result.errors()).isEmpty();
        assertThat(result.latency().get(Metrics.RTT_CORRECTED).count()).isEqualTo(1000);
    }

    @Test
    void anAnswerThatIsNotAnEventStreamIsAnHttpStatusError() {
        List<DriverException> errors = new CopyOnWriteArrayList<>();
        assertThatThrownBy(() -> driver.connect(Target.of(uri(Paths.HEALTH)), (c, payload, t) -> {
        }).get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(DriverException.class)
                .hasMessageContaining("200 OK").hasMessageContaining("text/plain");
        assertThatThrownBy(() -> driver.connect(Target.of(uri("/no-such-endpoint")), new ConnectionListener() {
            @Override
            public void onMessage(PushConnection c, CharSequence payload, long receivedNanos) {
            }

            @Override
            public void onError(PushConnection c, DriverException error) {
                errors.add(error);
            }
        }).get(5, TimeUnit.SECONDS)).cause().hasMessageContaining("404");
        assertThat(errors).singleElement().extracting(DriverException::kind).isEqualTo(ErrorKind.HTTP_STATUS);
    }

    @Test
    void curlReceivesEventsPublishedWhileItIsConnected() throws Exception {
        assumeTrue(curlAvailable(), "curl is not installed: skipping the interoperability check");
        Process curl = new ProcessBuilder("curl", "-sN", "--max-time", "3", uri(Paths.SSE).toString())
                .redirectErrorStream(true).start();
        try {
            awaitTrue(() -> server.stats().subscribers() == 1, "curl's request reached the server");
            server.hub().publish("hello curl");
            server.hub().publish("two\nlines");
            assertThat(curl.waitFor(10, TimeUnit.SECONDS)).isTrue();
            String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            // Exit 28 is curl's "timed out": the stream does not end by itself.
            assertThat(curl.exitValue()).isEqualTo(28);
            assertThat(output).isEqualTo("retry: 1000\n"
                    + "id: 0\ndata: hello curl\n\n"
                    + "id: 1\ndata: two\ndata: lines\n\n");
        } finally {
            curl.destroyForcibly();
        }
    }

    private static boolean curlAvailable() {
        try {
            Process p = new ProcessBuilder("curl", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
