package io.pushbench.core.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushbench.core.jmh.ReceivePathBenchmark;
import io.pushbench.core.jmh.RecordingBenchmark;
import io.pushbench.core.jmh.SseParserBenchmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The digest of a JMH JSON result, on a fixture cut from a real {@code -prof gc -rf json} run of
 * this suite (its percentiles and raw data removed; the digest reads neither).
 */
class JmhDigestTest {

    @TempDir
    Path dir;

    private static List<JsonNode> fixture() throws IOException, URISyntaxException {
        return JmhDigest.read(Path.of(JmhDigestTest.class.getResource("jmh-fixture.json").toURI()));
    }

    @Test
    void digestsRecordingTheSseParsersAndTheReceivePathsFromJmhJson() throws Exception {
        assertThat(JmhDigest.lines(fixture())).containsExactly(
                "recording one latency: 62.9 ns/op, 0.001 B/op allocated: allocation-free",
                "SSE parser, same event stream: pushbench 196.6 MB/s, OkHttp 287.3 MB/s, ratio 0.68",
                "receive path per message, websocket: 4253.4 ns/op, 0.100 B/op allocated: allocation-free",
                "receive path per message, sse-http1: 24186.2 ns/op, 0.618 B/op allocated: allocation-free",
                "receive path per message, sse-http2: 50518.7 ns/op, 164.679 B/op allocated: ALLOCATES (goal 0 B/op)",
                "receive path per message, long-polling (one message per answer): 369333.2 ns/op, 1612.603 B/op "
                        + "allocated: ALLOCATES (goal 0 B/op)");
    }

    /** A message costs microseconds, not nanoseconds: JMH's own bookkeeping is a larger share of its bytes. */
    @Test
    void aReceivePathIsAllocationFreeBelowOneBytePerMessage() throws Exception {
        List<JsonNode> benchmarks = fixture();
        ObjectNode alloc = (ObjectNode) find(benchmarks, JmhDigest.RECEIVE_PATH + "websocket")
                .path("secondaryMetrics").path("gc.alloc.rate.norm");
        alloc.put("score", 0.9);
        assertThat(JmhDigest.lines(benchmarks).get(2)).endsWith("0.900 B/op allocated: allocation-free");
        alloc.put("score", 1.0);
        assertThat(JmhDigest.lines(benchmarks).get(2)).endsWith("1.000 B/op allocated: ALLOCATES (goal 0 B/op)");
    }

    @Test
    void recordingThatAllocatesIsCalledOut() throws Exception {
        List<JsonNode> benchmarks = fixture();
        ObjectNode alloc = (ObjectNode) recording(benchmarks).path("secondaryMetrics").path("gc.alloc.rate.norm");
        alloc.put("score", 24.0);
        assertThat(JmhDigest.lines(benchmarks).get(0))
                .isEqualTo("recording one latency: 62.9 ns/op, 24.000 B/op allocated: ALLOCATES (goal 0 B/op)");
    }

    @Test
    void withoutTheGcProfilerTheAllocationIsUnknown() throws Exception {
        List<JsonNode> benchmarks = fixture();
        ((ObjectNode) recording(benchmarks).path("secondaryMetrics")).remove("gc.alloc.rate.norm");
        assertThat(JmhDigest.lines(benchmarks).get(0)).endsWith("allocation not measured (run with -prof gc)");
    }

    @Test
    void benchmarksLeftOutOfTheRunAreNotRun() throws Exception {
        List<JsonNode> benchmarks = fixture().stream()
                .filter(b -> !b.path("benchmark").asText().equals(JmhDigest.SSE_OKHTTP)).toList();
        assertThat(JmhDigest.lines(benchmarks).get(1)).isEqualTo("SSE parser vs OkHttp: not run");
        assertThat(JmhDigest.lines(List.of())).containsExactly("recording one latency: not run",
                "SSE parser vs OkHttp: not run", "receive path per message, websocket: not run",
                "receive path per message, sse-http1: not run", "receive path per message, sse-http2: not run",
                "receive path per message, long-polling (one message per answer): not run");
    }

    @Test
    void namesAreThoseJmhGivesTheBenchmarks() throws Exception {
        assertThat(JmhDigest.RECORDING).isEqualTo(RecordingBenchmark.class.getName() + "."
                + RecordingBenchmark.class.getMethod("recordOneLatency").getName());
        assertThat(JmhDigest.SSE_PUSHBENCH).isEqualTo(SseParserBenchmark.class.getName() + "."
                + SseParserBenchmark.class.getMethod("pushbench", org.openjdk.jmh.infra.Blackhole.class).getName());
        assertThat(JmhDigest.SSE_OKHTTP).isEqualTo(SseParserBenchmark.class.getName() + "."
                + SseParserBenchmark.class.getMethod("okhttp", org.openjdk.jmh.infra.Blackhole.class).getName());
        assertThat(JmhDigest.RECEIVE_PATH).isEqualTo(ReceivePathBenchmark.class.getName() + ".");
        assertThat(ReceivePathBenchmark.class.getMethod("websocket", ReceivePathBenchmark.WebSocketPath.class)).isNotNull();
        assertThat(ReceivePathBenchmark.class.getMethod("sseHttp1", ReceivePathBenchmark.SseHttp1Path.class)).isNotNull();
        assertThat(ReceivePathBenchmark.class.getMethod("sseHttp2", ReceivePathBenchmark.SseHttp2Path.class)).isNotNull();
        assertThat(ReceivePathBenchmark.class.getMethod("longPolling", ReceivePathBenchmark.LongPollingPath.class))
                .isNotNull();
    }

    @Test
    void aFileThatIsNotJmhJsonIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("jmh-wrong.json"), "{\"benchmark\": \"x\"}");
        assertThatThrownBy(() -> JmhDigest.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a JMH JSON result");
    }

    private static JsonNode recording(List<JsonNode> benchmarks) {
        return find(benchmarks, JmhDigest.RECORDING);
    }

    private static JsonNode find(List<JsonNode> benchmarks, String name) {
        return benchmarks.stream().filter(b -> b.path("benchmark").asText().equals(name)).findFirst().orElseThrow();
    }
}
