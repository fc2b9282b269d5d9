package io.pushbench.server;

import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.longpoll.NettyLongPollingDriver;
import io.pushbench.core.engine.RunSpec;
import io.pushbench.core.engine.TransportRun;
import io.pushbench.core.engine.Workload;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.transport.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The reference server's {@code /poll} and the Netty long-polling driver, through the engine, over loopback. */
class LongPollingEndToEndTest {

    @TempDir
    Path dir;

    private ReferenceServer server;
    private final NettyLongPollingDriver driver = new NettyLongPollingDriver(1);

    @AfterEach
    void stop() {
        driver.close();
        if (server != null) {
            server.close();
        }
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    @Test
    void everyBroadcastMessageIsReceivedOnceInOrderBySubscriber() throws Exception {
        server = ReferenceServer.builder().start();
        RunSpec spec = RunSpec.builder().transports(List.of(Transport.LONG_POLLING)).rate(1000).subscribers(10)
                .warmup(Duration.ofMillis(200)).duration(Duration.ofSeconds(2)).build();
        TransportResult result = TransportRun.builder().spec(spec).driver(driver)
                .target(Target.of(uri(Paths.POLL + "?client=e2e")))
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
        assertThat(result.errors()).isEmpty();
        assertThat(result.latency().get(Metrics.PUSH_CORRECTED).count()).isEqualTo(20_000);
        assertThat(server.stats().dropped()).isZero();
    }

    @Test
    void everyEchoRequestIsAnsweredOnceDownItsOwnPoll() throws Exception {
        server = ReferenceServer.builder().start();
        RunSpec spec = RunSpec.builder().transports(List.of(Transport.LONG_POLLING)).workload(Workload.ECHO)
                .rate(500).subscribers(5).warmup(Duration.ofMillis(200)).duration(Duration.ofSeconds(2)).build();
        TransportResult result = TransportRun.builder().spec(spec).driver(driver)
                .target(Target.of(uri(Paths.POLL + "?client=echo"), uri(Paths.ECHO + "?client=echo")))
                .resultDir(dir).build().run();

        assertThat(result.delivery().sent()).isEqualTo(1000);
        assertThat(result.delivery().received()).isEqualTo(1000);
        assertThat(result.delivery().lost()).isZero();
        assertThat(result.delivery().duplicated()).isZero();
        assertThat(result.errors()).isEmpty();
        assertThat(result.latency().get(Metrics.RTT_CORRECTED).count()).isEqualTo(1000);
    }

    @Test
    void aBurstArrivesInBatchesInOrderWithNoneLost() throws Exception {
        server = ReferenceServer.builder().start();
        List<String> received = new CopyOnWriteArrayList<>();
        driver.connect(Target.of(uri(Paths.POLL)), (c, payload, t) -> received.add(payload.toString()))
                .get(5, TimeUnit.SECONDS);
        awaitTrue(() -> server.stats().subscribers() == 1, "the first poll reached the server");

        List<String> burst = IntStream.range(0, 100).mapToObj(i -> "m" + i).toList();
        burst.forEach(server.hub()::publish);
        awaitTrue(() -> received.size() >= 100, "100 messages received");

        assertThat(received).containsExactlyElementsOf(burst);
        long answers = driver.answeredPolls();
        assertThat(answers).as("answers carrying 100 messages").isBetween(1L, 99L);
        assertThat(server.stats().acceptedConnections()).isEqualTo(1);
    }

    @Test
    void anIdlePollIsAnsweredEmptyAndPolledAgainOnTheSameConnection() throws Exception {
        server = ReferenceServer.builder().heartbeatInterval(Duration.ofMillis(100)).start();
        List<String> received = new CopyOnWriteArrayList<>();
        List<DriverException> errors = new CopyOnWriteArrayList<>();
        driver.connect(Target.of(uri(Paths.POLL + "?client=idle")), listener(received, errors))
                .get(5, TimeUnit.SECONDS);
        awaitTrue(() -> driver.answeredPolls() >= 3, "three empty answers");
        assertThat(received).isEmpty();

        server.hub().publish("after the heartbeats");
        awaitTrue(() -> received.size() == 1, "the message after the heartbeats");
        assertThat(received).containsExactly("after the heartbeats");
        assertThat(errors).isEmpty();
        assertThat(server.stats().acceptedConnections()).isEqualTo(1);
        assertThat(driver.tcpConnectionsOpened()).isEqualTo(1);
    }

    @Test
    void anAnswerOtherThan200IsAnHttpStatusError() throws Exception {
        server = ReferenceServer.builder().start();
        List<DriverException> errors = new CopyOnWriteArrayList<>();
        driver.connect(Target.of(uri("/no-such-endpoint")), listener(new CopyOnWriteArrayList<>(), errors))
                .get(5, TimeUnit.SECONDS);
        awaitTrue(() -> !errors.isEmpty(), "an error");
        assertThat(errors.get(0).kind()).isEqualTo(ErrorKind.HTTP_STATUS);
        assertThat(errors.get(0).getMessage()).contains("404");
    }

    @Test
    void aSendToAClientThatIsNotPollingIsAnHttpStatusError() throws Exception {
        server = ReferenceServer.builder().start();
        List<DriverException> errors = new CopyOnWriteArrayList<>();
        PushConnection connection = driver.connect(
                Target.of(uri(Paths.POLL + "?client=a"), uri(Paths.ECHO + "?client=someone-else")),
                listener(new CopyOnWriteArrayList<>(), errors)).get(5, TimeUnit.SECONDS);
        connection.send("hello");
        awaitTrue(() -> !errors.isEmpty(), "an error");
        assertThat(errors.get(0).kind()).isEqualTo(ErrorKind.HTTP_STATUS);
        assertThat(errors.get(0).getMessage()).contains("404");
    }

    @Test
    void curlGetsAMessagePublishedWhileItWaits() throws Exception {
        assumeTrue(curlAvailable(), "curl is not installed: skipping the interoperability check");
        server = ReferenceServer.builder().start();
        server.hub().publish("before");
        Process curl = new ProcessBuilder("curl", "-s", "-D", "-", "--max-time", "5",
                uri(Paths.POLL + "?after=0").toString()).redirectErrorStream(true).start();
        try {
            awaitTrue(() -> server.stats().subscribers() == 1, "curl's poll reached the server");
            server.hub().publish("hello curl\nsecond line");
            assertThat(curl.waitFor(10, TimeUnit.SECONDS)).isTrue();
            String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(curl.exitValue()).isZero();
            assertThat(output).startsWith("HTTP/1.1 200 OK\r\n")
                    .containsIgnoringCase("pushbench-last-id: 1\r\n")
                    .endsWith("\r\n\r\n1 hello curl\\nsecond line\n");
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

    private static ConnectionListener listener(List<String> received, List<DriverException> errors) {
        return new ConnectionListener() {
            @Override
            public void onMessage(PushConnection connection, CharSequence payload, long receivedNanos) {
                received.add(payload.toString());
            }

            @Override
            public void onError(PushConnection connection, DriverException error) {
                errors.add(error);
            }
        };
    }

    static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }
}
