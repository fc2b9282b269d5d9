package io.pushbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The landing page: each scenario's summary (an idle one by what its connections cost), and the
 * JMH section with the result files linked and the same digest the bench profile prints.
 */
class LandingPageTest {

    @TempDir
    Path dir;

    @Test
    void linksJmhResultsAndShowsTheirDigest() throws Exception {
        Path jmh = Files.writeString(dir.resolve("jmh-bench-core.json"), """
                [{"benchmark": "io.pushbench.core.jmh.RecordingBenchmark.recordOneLatency",
                  "primaryMetric": {"score": 9.87, "scoreUnit": "ns/op"},
                  "secondaryMetrics": {"gc.alloc.rate.norm": {"score": 0.0001, "scoreUnit": "B/op"}}},
                 {"benchmark": "io.pushbench.core.jmh.SseParserBenchmark.okhttp",
                  "primaryMetric": {"score": 400.0, "scoreUnit": "ops/us"}, "secondaryMetrics": {}},
                 {"benchmark": "io.pushbench.core.jmh.SseParserBenchmark.pushbench",
                  "primaryMetric": {"score": 600.0, "scoreUnit": "ops/us"}, "secondaryMetrics": {}},
                 {"benchmark": "io.pushbench.core.jmh.ReceivePathBenchmark.websocket", "params": {"messageBytes": "64"},
                  "primaryMetric": {"score": 1234.56, "scoreUnit": "ns/op"},
                  "secondaryMetrics": {"gc.alloc.rate.norm": {"score": 0.02, "scoreUnit": "B/op"}}}]
                """);

        String page = Files.readString(LandingPage.write(dir, List.of(), List.of(jmh)));

        assertThat(page).contains("<a href=\"jmh-bench-core.json\">jmh-bench-core.json</a>",
                "<li>recording one latency: 9.9 ns/op, 0.000 B/op allocated: allocation-free</li>",
                "<li>SSE parser, same event stream: pushbench 600.0 MB/s, OkHttp 400.0 MB/s, ratio 1.50</li>",
                "<li>receive path per message, websocket: 1234.6 ns/op, 0.020 B/op allocated: allocation-free</li>",
                "<li>receive path per message, sse-http2: not run</li>",
                "<td>SseParserBenchmark.pushbench</td>");
    }

    @Test
    void saysSoWhenThereAreNoJmhResults() throws Exception {
        assertThat(Files.readString(LandingPage.write(dir, List.of(), List.of())))
                .contains("No JMH results in this directory.");
    }

    @Test
    void anIdleScenarioIsSummarisedByWhatEachConnectionCosts() throws Exception {
        CliTestSupport.Run idle = CliTestSupport.run("compare", "--workload", "idle", "--transports", "websocket",
                "--subscribers", "3", "--heartbeat", "200ms", "--warmup", "0s", "--duration", "500ms", "--quiet",
                "--out", dir.resolve("idle").toString());
        assertThat(idle.exitCode()).as(idle.err()).isZero();

        String page = Files.readString(LandingPage.write(dir, List.of(new LandingPage.Entry("idle", "idle", null)),
                List.of()));

        assertThat(page).contains("<th>RSS KiB per connection</th>", "<td>websocket</td><td>3 / 3</td>")
                .doesNotContain("<th>p50 ms</th>");
    }
}
