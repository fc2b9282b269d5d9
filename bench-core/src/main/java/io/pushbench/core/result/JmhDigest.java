package io.pushbench.core.result;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JMH figures the bench profile is judged on, in a few lines read from JMH's JSON results
 * ({@code -rf json}): recording one latency in ns/op with its allocation per operation
 * ({@code gc.alloc.rate.norm}, present under {@code -prof gc}; the goal is 0 B/op), the SSE
 * parser's throughput in MB/s beside OkHttp's on the same input, with their ratio, and the whole
 * per-message receive path of each Netty driver (from the bytes of a socket read to the recorded
 * latency) in ns/op with its allocation per message (the goal is 0 B/op). The bench profile prints
 * it after JMH ({@link #main}) and the bench landing page shows the same lines.
 *
 * <p>Thread-safe: stateless.
 */
public final class JmhDigest {

    /** The recording benchmark, as JMH names it. */
    public static final String RECORDING = "io.pushbench.core.jmh.RecordingBenchmark.recordOneLatency";
    /** Our SSE parser's benchmark; its score is in ops/us with one byte per operation, that is MB/s. */
    public static final String SSE_PUSHBENCH = "io.pushbench.core.jmh.SseParserBenchmark.pushbench";
    /** OkHttp's SSE reader on the same input, in the same unit. */
    public static final String SSE_OKHTTP = "io.pushbench.core.jmh.SseParserBenchmark.okhttp";
    /** The whole receive path's benchmarks, one per transport, as JMH names them; one operation is one message. */
    public static final String RECEIVE_PATH = "io.pushbench.core.jmh.ReceivePathBenchmark.";
    /** What each receive-path benchmark is called in the digest, by its method name. */
    private static final Map<String, String> RECEIVE_PATHS = receivePaths();
    /**
     * An operation counts as allocation-free below this many bytes per operation: any object is at
     * least 16 bytes, so an allocation even once in a thousand operations shows above it, while
     * JMH's own bookkeeping spread over millions of operations stays far below.
     */
    public static final double ALLOCATION_FREE_BELOW_BYTES = 0.01;
    /**
     * A receive path counts as allocation-free below this many bytes per message: an object is at
     * least 16 bytes, so one in every 16 messages shows above it. A message costs microseconds, so
     * an iteration holds only some hundred thousand of them, and JMH's own bookkeeping (tens of KB
     * per iteration, counted by {@code -prof gc} on all threads) comes to a few hundredths of a byte
     * per message: under the recording benchmark's bound it would read as allocating.
     */
    public static final double ALLOCATION_FREE_PER_MESSAGE_BELOW_BYTES = 1.0;

    private JmhDigest() {
    }

    /** The benchmarks of one JMH JSON result file, in its order. */
    public static List<JsonNode> read(Path file) throws IOException {
        JsonNode root = ResultFiles.mapper().readTree(file.toFile());
        if (root == null || !root.isArray()) {
            throw new IOException(file + ": not a JMH JSON result (expected an array of benchmarks)");
        }
        List<JsonNode> benchmarks = new ArrayList<>();
        root.forEach(benchmarks::add);
        return benchmarks;
    }

    /**
     * The digest of {@code benchmarks}: one line for recording, one for the SSE parser and one per
     * transport's receive path, "not run" where absent.
     */
    public static List<String> lines(List<JsonNode> benchmarks) {
        List<String> lines = new ArrayList<>();
        lines.add(recording(find(benchmarks, RECORDING)));
        lines.add(sseParser(find(benchmarks, SSE_PUSHBENCH), find(benchmarks, SSE_OKHTTP)));
        RECEIVE_PATHS.forEach((method, name) -> lines.add(receivePath(name, find(benchmarks, RECEIVE_PATH + method))));
        return lines;
    }

    private static Map<String, String> receivePaths() {
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("websocket", "websocket");
        paths.put("sseHttp1", "sse-http1");
        paths.put("sseHttp2", "sse-http2");
        paths.put("longPolling", "long-polling (one message per answer)");
        return paths;
    }

    private static String recording(JsonNode b) {
        if (b == null) {
            return "recording one latency: not run";
        }
        return String.format(Locale.ROOT, "recording one latency: %.1f %s, %s", score(b), unit(b),
                allocation(b, ALLOCATION_FREE_BELOW_BYTES));
    }

    private static String receivePath(String transport, JsonNode b) {
        if (b == null) {
            return "receive path per message, " + transport + ": not run";
        }
        return String.format(Locale.ROOT, "receive path per message, %s: %.1f %s, %s", transport, score(b), unit(b),
                allocation(b, ALLOCATION_FREE_PER_MESSAGE_BELOW_BYTES));
    }

    /** The allocation per operation and whether it is none (below {@code freeBelow} bytes), or why it is not known. */
    private static String allocation(JsonNode b, double freeBelow) {
        JsonNode alloc = b.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score");
        if (alloc.isMissingNode()) {
            return "allocation not measured (run with -prof gc)";
        }
        return String.format(Locale.ROOT, "%.3f B/op allocated: %s", alloc.asDouble(),
                alloc.asDouble() < freeBelow ? "allocation-free" : "ALLOCATES (goal 0 B/op)");
    }

    private static String sseParser(JsonNode ours, JsonNode okhttp) {
        if (ours == null || okhttp == null) {
            return "SSE parser vs OkHttp: not run";
        }
        return String.format(Locale.ROOT, "SSE parser, same event stream: pushbench %.1f MB/s, OkHttp %.1f MB/s, "
                + "ratio %.2f", score(ours), score(okhttp), score(ours) / score(okhttp));
    }

    private static JsonNode find(List<JsonNode> benchmarks, String name) {
        return benchmarks.stream().filter(b -> name.equals(b.path("benchmark").asText())).findFirst().orElse(null);
    }

    private static double score(JsonNode b) {
        return b.path("primaryMetric").path("score").asDouble();
    }

    private static String unit(JsonNode b) {
        return b.path("primaryMetric").path("scoreUnit").asText();
    }

    /**
     * Prints the digest of each JMH JSON file given; for the bench profile, after JMH.
     * Exits 1 with one line when a file is missing or not JMH's JSON.
     */
    public static void main(String[] args) {
        for (String arg : args) {
            Path file = Path.of(arg);
            if (!Files.isRegularFile(file)) {
                System.err.println("JMH digest: no results at " + file);
                System.exit(1);
            }
            try {
                List<JsonNode> benchmarks = read(file);
                System.out.println("JMH digest of " + file + ":");
                lines(benchmarks).forEach(line -> System.out.println("  " + line));
            } catch (IOException e) {
                System.err.println("JMH digest: cannot read " + file + " (" + e.getMessage() + ")");
                System.exit(1);
            }
        }
    }
}
