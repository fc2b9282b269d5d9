package io.pushbench.server;

import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.Drivers;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.engine.TransportRun;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.spec.Workload;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a transport with a given client stack through the engine against a reference server, at the
 * load every library driver is held to: broadcast at 1000 msg/s to 10 subscribers for 2 s, echo at
 * 500 msg/s from 5 clients for 2 s.
 */
final class LibraryDriverRuns {

    private LibraryDriverRuns() {
    }

    /** The echo endpoint of {@code transport} on {@code server}. */
    static Target echoTarget(ReferenceServer server, Transport transport) {
        String base = "127.0.0.1:" + server.port();
        return switch (transport) {
            case WEBSOCKET -> Target.of(URI.create("ws://" + base + Paths.WS_ECHO));
            case LONG_POLLING -> Target.of(URI.create("http://" + base + Paths.POLL + "?client=echo"),
                    URI.create("http://" + base + Paths.ECHO + "?client=echo"));
            case SSE_HTTP1, SSE_HTTP2 -> Target.of(URI.create("http://" + base + Paths.SSE + "?client=echo"),
                    URI.create("http://" + base + Paths.ECHO + "?client=echo"));
        };
    }

    /** 2 s of broadcast at 1000 msg/s to 10 subscribers, after a 200 ms warm-up. */
    static TransportResult broadcast(ReferenceServer server, Transport transport, ClientStack stack, Path dir)
            throws InterruptedException {
        RunSpec spec = RunSpec.builder().transports(List.of(transport)).clients(List.of(stack)).rate(1000)
                .subscribers(10).warmup(Duration.ofMillis(200)).duration(Duration.ofSeconds(2)).build();
        try (TransportDriver driver = Drivers.create(transport, stack, new DriverOptions(1, 0))) {
            return TransportRun.builder().spec(spec).driver(driver)
                    .target(EngineFixture.broadcastTarget(server, transport))
                    .publisher((seq, intended) -> server.hub().publishEnvelope(seq, intended, spec.messageSize()))
                    .resultDir(dir).build().run();
        }
    }

    /** 2 s of echo at 500 msg/s from 5 clients, after a 200 ms warm-up. */
    static TransportResult echo(ReferenceServer server, Transport transport, ClientStack stack, Path dir)
            throws InterruptedException {
        RunSpec spec = RunSpec.builder().transports(List.of(transport)).clients(List.of(stack))
                .workload(Workload.ECHO).rate(500).subscribers(5)
                .warmup(Duration.ofMillis(200)).duration(Duration.ofSeconds(2)).build();
        try (TransportDriver driver = Drivers.create(transport, stack, new DriverOptions(1, 0))) {
            return TransportRun.builder().spec(spec).driver(driver).target(echoTarget(server, transport))
                    .resultDir(dir).build().run();
        }
    }

    /** Every broadcast message reached every subscriber once, in order, with no error. */
    static void assertEveryBroadcastOnceInOrder(TransportResult result) {
        TransportResult.Delivery d = result.delivery();
        assertThat(result.connections().opened()).as("connections opened").isEqualTo(10);
        assertThat(d.sent()).as("sent").isEqualTo(2000);
        assertThat(d.expected()).as("expected").isEqualTo(20_000);
        assertThat(d.received()).as("received").isEqualTo(d.expected());
        assertThat(d.lost()).as("lost").isZero();
        assertThat(d.duplicated()).as("duplicated").isZero();
        assertThat(d.outOfOrder()).as("out of order").isZero();
        assertThat(d.negativeLatencies()).as("negative latencies").isZero();
        assertThat(result.errors()).as("errors").isEmpty();
        assertThat(result.latency().get(Metrics.PUSH_CORRECTED).count()).isEqualTo(20_000);
        assertThat(result.wire().bytesRead()).as("bytes read").isGreaterThan(20_000L * 256);
    }

    /** Every echo request was answered once, with no error. */
    static void assertEveryEchoAnsweredOnce(TransportResult result) {
        TransportResult.Delivery d = result.delivery();
        assertThat(result.connections().opened()).as("connections opened").isEqualTo(5);
        assertThat(d.sent()).as("sent").isEqualTo(1000);
        assertThat(d.received()).as("received").isEqualTo(1000);
        assertThat(d.lost()).as("lost").isZero();
        assertThat(d.duplicated()).as("duplicated").isZero();
        assertThat(result.errors()).as("errors").isEmpty();
        assertThat(result.latency().get(Metrics.RTT_CORRECTED).count()).isEqualTo(1000);
        assertThat(result.wire().bytesWritten()).as("bytes written").isGreaterThan(1000L * 256);
    }
}
