package io.pushbench.server;

import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.Drivers;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TlsTrust;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.spec.LoadModel;
import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.spec.Workload;
import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static io.pushbench.core.testing.Await.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every transport on every client stack against the reference server, through the engine, over
 * loopback: a broadcast reaches every subscriber once and in order, an echo is answered once. The
 * cases after those two are where a transport really differs: the bytes of a WebSocket frame, SSE
 * over HTTP/2 negotiated by ALPN, the closed-loop echo.
 */
class EndToEndTest {

    private static final int BROADCAST_SUBSCRIBERS = 10;
    private static final int ECHO_CLIENTS = 5;

    @TempDir
    Path dir;

    private ReferenceServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Every transport on every client stack. */
    static Stream<Arguments> everyDriver() {
        return Arrays.stream(Transport.values())
                // The browser stack runs a Chromium per driver; it has its own end-to-end test (BrowserStackTest).
                .flatMap(transport -> Arrays.stream(ClientStack.values()).filter(stack -> stack != ClientStack.BROWSER)
                        .map(stack -> Arguments.of(transport, stack)));
    }

    /**
     * What a failed count needs to be understood: the run's errors, its self-check and its latencies.
     * How many messages the generator managed to send on a loaded machine is its speed, which the
     * benchmarks measure; these tests hold it to the accounting instead (sent plus reported unsent is
     * the plan) and to the delivery of every message sent.
     */
    private static String context(TransportResult result) {
        LatencySummary latency = result.latency().get(
                result.workload() == Workload.ECHO ? Metrics.RTT_CORRECTED : Metrics.PUSH_CORRECTED);
        return " (errors " + result.errors() + ", reconnects " + result.connections().reconnects()
                + ", self-check " + result.selfHealth().reasons()
                + ", corrected p99/max µs " + latency.p99() + "/" + latency.max() + ")";
    }

    /**
     * Checks the TCP connections {@code streams} subscriptions took: HTTP/2 multiplexes them on one;
     * otherwise each has its own, exactly one with the Netty drivers, at least one with a library's,
     * whose pool may open a spare while upgrade requests queue (seen with Jetty's WebSocket client on a
     * loaded machine: 11 for 10).
     */
    private static void assertTcpConnections(long tcpConnections, Transport transport, ClientStack stack,
            long streams) {
        if (transport == Transport.SSE_HTTP2) {
            assertThat(tcpConnections).as("TCP connections for %d streams", streams).isEqualTo(1);
        } else if (stack == ClientStack.NETTY) {
            assertThat(tcpConnections).as("TCP connections, one per subscriber").isEqualTo(streams);
        } else {
            assertThat(tcpConnections).as("TCP connections, one or more per subscriber").isGreaterThanOrEqualTo(streams);
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("everyDriver")
    void everyBroadcastMessageReachesEverySubscriberOnceInOrder(Transport transport, ClientStack stack)
            throws Exception {
        server = ReferenceServer.builder().start();
        RunSpec spec = RunSpec.builder().transports(List.of(transport)).clients(List.of(stack)).rate(1000)
                .subscribers(BROADCAST_SUBSCRIBERS).warmup(Duration.ofMillis(200)).duration(Duration.ofSeconds(2))
                .drain(EngineFixture.DRAIN_UNTIL_DELIVERED).build();

        TransportResult result = EngineFixture.broadcast(server, spec, stack, dir);

        TransportResult.Delivery d = result.delivery();
        String context = context(result);
        assertThat(d.sent() + result.selfHealth().unsentMessages()).as("sent or reported unsent" + context)
                .isEqualTo(2000);
        assertThat(d.expected()).as("expected").isEqualTo(d.sent() * BROADCAST_SUBSCRIBERS);
        assertThat(d.received()).as("received" + context).isEqualTo(d.expected());
        assertThat(d.lost()).as("lost").isZero();
        assertThat(d.duplicated()).as("duplicated").isZero();
        assertThat(d.outOfOrder()).as("out of order").isZero();
        assertThat(d.negativeLatencies()).as("negative latencies").isZero();
        assertThat(result.errors()).as("errors").isEmpty();
        assertThat(result.latency().get(Metrics.PUSH_CORRECTED).count()).isEqualTo(d.received());
        assertThat(result.latency().get(Metrics.CONNECT).count()).isEqualTo(BROADCAST_SUBSCRIBERS);
        assertThat(dir.resolve(result.histogramLog())).isNotEmptyFile();
        assertThat(result.connections().opened()).as("connections opened").isEqualTo(BROADCAST_SUBSCRIBERS);
        assertThat(result.connections().reconnects()).as("reconnects").isZero();
        assertTcpConnections(result.connections().tcpConnections(), transport, stack, BROADCAST_SUBSCRIBERS);
        assertThat(server.stats().acceptedConnections()).as("TCP connections the server accepted")
                .isEqualTo(result.connections().tcpConnections());
        assertThat(result.wire().bytesRead()).as("bytes read").isGreaterThan(d.received() * 256);
        assertThat(server.stats().dropped()).as("dropped by the server").isZero();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("everyDriver")
    void everyEchoRequestIsAnsweredOnce(Transport transport, ClientStack stack) throws Exception {
        server = ReferenceServer.builder().start();
        RunSpec spec = RunSpec.builder().transports(List.of(transport)).clients(List.of(stack))
                .workload(Workload.ECHO).rate(500).subscribers(ECHO_CLIENTS)
                .warmup(Duration.ofMillis(200)).duration(Duration.ofSeconds(2))
                .drain(EngineFixture.DRAIN_UNTIL_DELIVERED).build();

        TransportResult result = EngineFixture.echo(server, spec, stack, dir);

        TransportResult.Delivery d = result.delivery();
        String context = context(result);
        assertThat(result.connections().opened()).as("connections opened").isEqualTo(ECHO_CLIENTS);
        assertThat(d.sent() + result.selfHealth().unsentMessages()).as("sent or reported unsent" + context)
                .isEqualTo(1000);
        assertThat(d.received()).as("received" + context).isEqualTo(d.sent());
        assertThat(d.lost()).as("lost").isZero();
        assertThat(d.duplicated()).as("duplicated").isZero();
        assertThat(result.errors()).as("errors").isEmpty();
        assertThat(result.latency().get(Metrics.RTT_CORRECTED).count()).isEqualTo(d.received());
        assertThat(result.wire().bytesWritten()).as("bytes written").isGreaterThan(d.sent() * 256);
        if (transport == Transport.SSE_HTTP2) {
            assertThat(server.stats().acceptedConnections()).as("TCP connections for 5 streams and their POSTs")
                    .isEqualTo(1);
        }
    }

    /** RFC 6455: a 2-byte header up to 125 bytes, 2 more for a 16-bit length, 8 more for a 64-bit one. */
    @ParameterizedTest
    // The Java stacks: the browser's wire bytes stay inside Chromium, and BrowserStackTest covers it.
    @EnumSource(value = ClientStack.class, names = "BROWSER", mode = EnumSource.Mode.EXCLUDE)
    void aWebSocketTextFrameCostsItsPayloadAndItsHeaderOnTheWire(ClientStack stack) throws Exception {
        server = ReferenceServer.builder().start();
        AtomicInteger received = new AtomicInteger();
        try (TransportDriver driver = Drivers.create(Transport.WEBSOCKET, stack, new DriverOptions(1, 0))) {
            driver.connect(Target.of(URI.create("ws://127.0.0.1:" + server.port() + Paths.WS_BROADCAST)),
                    (PushConnection c, CharSequence payload, long receivedNanos) -> received.incrementAndGet())
                    .get(10, TimeUnit.SECONDS);
            awaitTrue(() -> server.stats().subscribers() == 1, "the subscriber joined the broadcast");
            int[][] payloadAndHeader = {{100, 2}, {125, 2}, {126, 4}, {65_535, 4}, {65_536, 10}};
            for (int[] frame : payloadAndHeader) {
                int before = received.get();
                long readBefore = driver.wire().bytesRead();
                server.hub().publish("x".repeat(frame[0]));
                awaitTrue(() -> received.get() == before + 1, "the frame of " + frame[0] + " bytes");
                assertThat(driver.wire().bytesRead() - readBefore).as("bytes read for a frame of %d", frame[0])
                        .isEqualTo(frame[0] + frame[1]);
            }
            assertThat(driver.tcpConnectionsOpened()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    // The Java stacks: the browser's wire bytes stay inside Chromium, and BrowserStackTest covers it.
    @EnumSource(value = ClientStack.class, names = "BROWSER", mode = EnumSource.Mode.EXCLUDE)
    void sseOverHttp2NegotiatesByAlpnOverTlsAndCountsTheRecords(ClientStack stack) throws Exception {
        server = ReferenceServer.builder().tlsPort(0).start();
        DriverOptions options = DriverOptions.builder().ioThreads(1)
                .trust(TlsTrust.certificates(server.tlsCertificate())).build();
        RecordingListener recorder = new RecordingListener();
        try (TransportDriver driver = Drivers.create(Transport.SSE_HTTP2, stack, options)) {
            driver.connect(Target.of(URI.create("https://127.0.0.1:" + server.tlsPort() + Paths.SSE + "?client=tls")),
                    recorder).get(10, TimeUnit.SECONDS);
            awaitTrue(() -> server.stats().subscribers() == 1, "the stream reached the server");
            long readBefore = driver.wire().bytesRead();
            server.hub().publish("over tls");
            awaitTrue(() -> recorder.messages.contains("over tls"), "the event over TLS");
            // The event's bytes plus HTTP/2 DATA framing and a TLS record's header and tag: more than the text.
            assertThat(driver.wire().bytesRead() - readBefore).isGreaterThan("data: over tls\n\n".length() + 9 + 5);
            assertThat(driver.tcpConnectionsOpened()).isEqualTo(1);
            assertThat(recorder.errors).isEmpty();
            assertThat(server.stats().errors()).isZero();
        }
    }

    @Test
    void aClosedLoopEchoSendsOnlyAfterEachReply() throws Exception {
        server = ReferenceServer.builder().start();
        int clients = 3;
        Duration think = Duration.ofMillis(10);
        Duration duration = Duration.ofSeconds(1);
        RunSpec spec = RunSpec.builder().transports(List.of(Transport.WEBSOCKET)).workload(Workload.ECHO)
                .load(new LoadModel.Closed(think)).subscribers(clients)
                .warmup(Duration.ZERO).duration(duration).drain(EngineFixture.DRAIN_UNTIL_DELIVERED).build();

        TransportResult result = EngineFixture.echo(server, spec, ClientStack.NETTY, dir);

        // Each client waits for a reply and then the think time before it sends again: at most one send
        // per think time, however fast the machine. (How many fit is a speed, not a behaviour.)
        long mostPerClient = duration.toMillis() / think.toMillis() + 1;
        assertThat(result.delivery().sent()).isBetween(1L, clients * mostPerClient);
        assertThat(result.delivery().received()).isEqualTo(result.delivery().sent());
        assertThat(result.delivery().lost()).isZero();
    }
}
