package io.pushbench.report;

import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.Drivers;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.engine.TransportRun;
import io.pushbench.core.result.Environment;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.RunResult;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.spec.Workload;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;
import io.pushbench.server.Paths;
import io.pushbench.server.ReferenceServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report of a real run: WebSocket broadcast through the Netty driver against the reference
 * server on loopback for one second, written to a result directory by the engine, then rendered
 * from those files.
 */
class RealRunReportTest {

    @TempDir
    static Path dir;
    private static TransportResult measured;

    @BeforeAll
    static void runWebSocketForOneSecond() throws Exception {
        RunSpec spec = RunSpec.builder().name("real-run").transports(List.of(Transport.WEBSOCKET))
                .clients(List.of(ClientStack.NETTY)).workload(Workload.BROADCAST).rate(200).messageSize(128)
                .subscribers(2).warmup(Duration.ofMillis(200)).duration(Duration.ofSeconds(1))
                .drain(Duration.ofSeconds(2)).build();
        String startedAt = Instant.now().toString();
        try (ReferenceServer server = ReferenceServer.builder().port(0).start();
             TransportDriver driver = Drivers.create(Transport.WEBSOCKET, ClientStack.NETTY, new DriverOptions(1, 0))) {
            measured = TransportRun.builder().spec(spec).driver(driver)
                    .target(Target.of(URI.create("ws://" + server.host() + ":" + server.port() + Paths.WS_BROADCAST)))
                    .publisher((sequence, intended) -> server.hub().publishEnvelope(sequence, intended, spec.messageSize()))
                    .resultDir(dir).build().run();
        }
        ResultFiles.write(dir, new RunResult(RunResult.FORMAT, startedAt, Instant.now().toString(), false, spec,
                Environment.capture(Environment.MONOTONIC_ONE_HOST), List.of(measured)));
    }

    @Test
    void rendersEverySectionAndChartFromTheRunsFiles() throws Exception {
        assertThat(measured.delivery().received()).as("the run delivered messages").isPositive();

        ReportRenderer.Rendered rendered = ReportRenderer.render(dir);

        assertThat(rendered.problems()).isEmpty();
        PageFile page = PageFile.read(rendered.page());
        assertThat(page.sections()).containsExactly("conditions", "summary", "percentiles", "timeline", "wire",
                "health", "files");
        assertThat(page.section("conditions")).contains("real-run", "200 msg/s, constant rate", "128 B");
        assertThat(page.section("summary")).contains(">websocket",
                Figure.DELIVERED.format(measured.deliveredPerSecond()), "fan-out p99", "pushbench CPU");
        assertThat(page.charts()).hasSize(4).hasSize(page.imageTags()).allSatisfy(chart -> {
            assertThat(chart.image()).as(chart.alt()).isNotNull();
            assertThat(chart.image().getWidth()).isEqualTo(2 * chart.width());
        });
    }

    @Test
    void writesTheDistributionsOfWhatTheRunRecorded() throws Exception {
        ReportRenderer.render(dir);

        Path hgrm = dir.resolve("websocket-netty.push-corrected.hgrm");
        assertThat(hgrm).isRegularFile();
        assertThat(dir.resolve("websocket-netty.push-uncorrected.hgrm")).isRegularFile();
        // The distribution's last line counts every latency the run recorded.
        String total = Files.readAllLines(hgrm).stream().filter(l -> l.startsWith("#[Max")).findFirst().orElseThrow();
        assertThat(total.replaceAll(".*Total count\\s*=\\s*(\\d+).*", "$1"))
                .isEqualTo(Long.toString(measured.latency().get(Metrics.PUSH_CORRECTED).count()));
    }
}
