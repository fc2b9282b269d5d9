package io.pushbench.server;

import io.pushbench.core.driver.Target;
import io.pushbench.core.engine.ProcessClocks;
import io.pushbench.core.genfloor.GeneratorFloorRun;
import io.pushbench.core.result.GeneratorFloorResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link GeneratorFloorRun} against the reference server in-process: each bare client counts
 * what comes back and splits the CPU between the server's threads and its own. Counts and
 * orderings only: no figure is held to a time or CPU threshold.
 */
class GeneratorFloorRunTest {

    private static final GeneratorFloorRun.Load LOAD =
            new GeneratorFloorRun.Load(4, 400, 32, Duration.ofMillis(200), Duration.ofMillis(800));

    private ReferenceServer server;

    @BeforeEach
    void start() throws Exception {
        server = ReferenceServer.builder().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Target target(String scheme, String path) {
        return Target.of(URI.create(scheme + "://127.0.0.1:" + server.port() + path));
    }

    private static long serverCpu() {
        return ProcessClocks.threadsCpuNanos(name -> name.startsWith("server-"));
    }

    @Test
    void webSocketEchoCountsRoundTripsAndSplitsTheCpu() throws Exception {
        GeneratorFloorResult floor = GeneratorFloorRun.echo(target("ws", Paths.WS_ECHO), LOAD)
                .serverCpuNanos(GeneratorFloorRunTest::serverCpu).run();

        assertThat(floor.client()).isEqualTo(GeneratorFloorResult.WEBSOCKET_ECHO);
        assertThat(floor.connections()).isEqualTo(4);
        assertThat(floor.sent()).isPositive();
        assertThat(floor.received()).isPositive();
        assertThat(floor.clientCpuMillis()).isPositive();
        assertThat(floor.serverCpuMillis()).isPositive();
        assertThat(floor.cpuMicrosPerMessage()).isPositive();
        assertThat(floor.serverCpuMicrosPerMessage()).isPositive();
        assertThat(floor.multiples()).isEmpty();
    }

    @Test
    void sseReadersCountEveryDeliveryOfAnInProcessPublisher() throws Exception {
        GeneratorFloorResult floor = GeneratorFloorRun.broadcast(target("http", Paths.SSE),
                        (sequence, now) -> server.hub().publishEnvelope(sequence, now, 32), LOAD)
                .serverCpuNanos(GeneratorFloorRunTest::serverCpu).run();

        assertThat(floor.client()).isEqualTo(GeneratorFloorResult.SSE_READER);
        assertThat(floor.sent()).isPositive();
        // Each published message is delivered to every reader: about four events per message.
        assertThat(floor.received()).isGreaterThan(floor.sent());
        assertThat(floor.cpuMicrosPerMessage()).isPositive();
        assertThat(floor.serverCpuMillis()).isPositive();
    }

    @Test
    void againstAServerElsewhereTheWholeProcessIsTheClient() throws Exception {
        GeneratorFloorResult floor = GeneratorFloorRun.broadcast(target("http", Paths.SSE),
                target("http", Paths.PUBLISH), LOAD).run();

        assertThat(floor.sent()).isPositive();
        assertThat(floor.received()).isGreaterThan(floor.sent());
        assertThat(floor.serverCpuMillis()).isEqualTo(-1);
        assertThat(floor.serverCpuMicrosPerMessage()).isEqualTo(-1);
        assertThat(floor.clientCpuMillis()).isPositive();
    }

    @Test
    void anEndpointThatDoesNotUpgradeIsOneLineOfWhy() {
        GeneratorFloorRun run = GeneratorFloorRun.echo(target("ws", "/no-such-endpoint"), LOAD);

        assertThatThrownBy(run::run).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot open a WebSocket connection to ws://127.0.0.1:" + server.port())
                .hasMessageNotContaining("\n");
    }

    @Test
    void stoppedBeforeItMeasuredItReportsNothing() throws Exception {
        GeneratorFloorRun run = GeneratorFloorRun.echo(target("ws", Paths.WS_ECHO),
                new GeneratorFloorRun.Load(1, 100, 32, Duration.ofSeconds(30), Duration.ofSeconds(1)));
        run.stop();

        assertThat(run.run()).isNull();
    }
}
