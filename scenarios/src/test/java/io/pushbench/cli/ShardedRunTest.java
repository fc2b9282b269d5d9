package io.pushbench.cli;

import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.result.MergedShards;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.ShardRecord;
import io.pushbench.core.result.TransportResult;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static io.pushbench.core.testing.Await.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole sharded run on this machine: shard processes, each in a network namespace of its own
 * (or on a 127.0.0.x address where namespaces cannot be made: said on stderr), against one
 * {@code pushbench serve}; they find the rendezvous by shard 0's address, start together, and are
 * merged. Small on purpose (tens of connections); the acceptance-sized run is in docs/DISTRIBUTED.md.
 */
@Timeout(value = 170, unit = TimeUnit.SECONDS)
class ShardedRunTest {

    private static final int SHARDS = 3;
    private static ShardHosts hosts;
    private static ServerProcess server;

    @BeforeAll
    static void hostsAndServer() throws Exception {
        hosts = ShardHosts.create(SHARDS);
        if (!hosts.namespaces()) {
            System.err.println("ShardedRunTest: shards run on 127.0.0.x addresses, not in network namespaces: "
                    + hosts.fallbackReason());
        }
        server = ServerProcess.start("--bind", hosts.serverAddress());
    }

    @AfterAll
    static void tearDown() {
        if (server != null) {
            server.stop();
        }
        if (hosts != null) {
            hosts.close();
        }
    }

    @Test
    void shardsStartTogetherAndMergeIntoExactlyOneResult(@TempDir Path dir) throws Exception {
        int port = rendezvousPort();
        List<Process> shards = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        try {
            for (int i = 0; i < SHARDS; i++) {
                Path out = dir.resolve("shard-" + i);
                dirs.add(out);
                shards.add(startShard(i, port, out, List.of("--mode", "pubsub", "--url", base("ws") + "/ws/broadcast",
                        "--publish-url", base("http") + "/publish", "--connections", "30", "--rate", "60",
                        "--step-warmup", "1s", "--step-duration", "3s", "--drain", "2s")));
            }
            for (int i = 0; i < SHARDS; i++) {
                assertThat(shards.get(i).waitFor(120, TimeUnit.SECONDS)).as("shard %d ended", i).isTrue();
                assertThat(shards.get(i).exitValue()).as("shard %d: %s", i, console(dir, i)).isZero();
            }
        } finally {
            shards.forEach(Process::destroyForcibly);
        }
        Path merged = dir.resolve("merged");
        List<String> args = new ArrayList<>(List.of("merge"));
        dirs.forEach(d -> args.add(d.toString()));
        args.addAll(List.of("--out", merged.toString()));
        CliTestSupport.Run merge = CliTestSupport.run(args.toArray(String[]::new));
        assertThat(merge.exitCode()).as(merge.out() + merge.err()).isZero();

        CapacityResult result = ResultFiles.readCapacity(merged);
        CapacityResult.Step step = result.steps().get(0);
        assertThat(step.connections()).isEqualTo(30);
        assertThat(step.held()).as("connections held by all shards together").isEqualTo(30);
        long received = 0;
        long expected = 0;
        long lost = 0;
        long measured = 0;
        for (Path d : dirs) {
            TransportResult own = ResultFiles.readCapacity(d).steps().get(0).result();
            received += own.delivery().received();
            expected += own.delivery().expected();
            lost += own.delivery().lost();
            measured += own.latency().get(Metrics.PUSH_CORRECTED).count();
            ShardRecord record = ShardRecord.read(d);
            assertThat(record.status()).isEqualTo(ShardRecord.FINISHED);
            assertThat(record.starts()).singleElement().satisfies(s -> {
                assertThat(s.shards()).containsExactly(0, 1, 2);
                assertThat(s.skewBoundNanos()).as("start skew bound").isLessThan(TimeUnit.MILLISECONDS.toNanos(10));
            });
        }
        TransportResult.Delivery delivery = step.result().delivery();
        assertThat(delivery.received()).isEqualTo(received);
        assertThat(delivery.expected()).as("every subscriber of every shard expects every message")
                .isEqualTo(delivery.sent() * 30).isEqualTo(expected);
        assertThat(delivery.lost()).isEqualTo(lost);
        assertThat(delivery.received() + delivery.lost()).isEqualTo(delivery.expected());
        // Only messages a shard published itself are measured: its own clock.
        assertThat(step.latency().count()).isEqualTo(measured).isPositive().isLessThanOrEqualTo(received);

        Histogram byHand = new Histogram(3);
        for (Path d : dirs) {
            addTagged(d.resolve("step-01.hlog"), Metrics.PUSH_CORRECTED, byHand);
        }
        assertThat(step.latency()).as("percentiles of HdrHistogram's own merge of the shards' logs")
                .isEqualTo(LatencySummary.ofNanos(byHand));
        Histogram mergedLog = new Histogram(3);
        addTagged(merged.resolve("step-01.hlog"), Metrics.PUSH_CORRECTED, mergedLog);
        assertThat(mergedLog).isEqualTo(byHand);

        MergedShards summary = ResultFiles.mapper().readValue(merged.resolve(MergedShards.FILE).toFile(),
                MergedShards.class);
        assertThat(summary.shards()).extracting(MergedShards.Shard::index).containsExactly(0, 1, 2);
        assertThat(summary.missing()).isEmpty();
        assertThat(summary.maxSkewNanos()).isLessThan(TimeUnit.MILLISECONDS.toNanos(10));
        assertThat(Files.readString(merged.resolve("report.html"))).contains("Shards").contains("skew");
    }

    @Test
    void aKilledShardIsNamedWithWhatItLostAndItsRestartIsNeverCounted(@TempDir Path dir) throws Exception {
        int port = rendezvousPort();
        List<String> options = List.of("--mode", "echo", "--url", base("ws") + "/ws/echo", "--connections", "4",
                "--rate", "100", "--step-warmup", "1s", "--step-duration", "8s", "--drain", "1s");
        Path first = dir.resolve("shard-0");
        Path killed = dir.resolve("shard-1");
        Path restarted = dir.resolve("shard-1-restarted");
        // Two of the three shards: the third's namespace stays unused.
        Process shard0 = null;
        Process shard1 = null;
        Process again = null;
        try {
            shard0 = startShard(0, port, first, options, 2);
            shard1 = startShard(1, port, killed, options, 2);
            Process victim = shard1;
            awaitTrue(Duration.ofSeconds(90), () -> !victim.isAlive() || measuredSeconds(killed) >= 3,
                    "shard 1 measuring");
            assertThat(victim.isAlive()).isTrue();
            victim.destroyForcibly(); // SIGKILL: nothing of its own ends the run
            assertThat(victim.waitFor(10, TimeUnit.SECONDS)).isTrue();

            again = startShard(1, port, restarted, options, 2);
            assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(again.exitValue()).isEqualTo(PushBench.EXIT_FAILURE);
            assertThat(Files.readString(consoleOf(restarted))).contains("refused")
                    .contains("never counted twice");

            assertThat(shard0.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(shard0.exitValue()).as(Files.readString(consoleOf(first))).isZero();
        } finally {
            for (Process p : new Process[] {shard0, shard1, again}) {
                if (p != null) {
                    p.destroyForcibly();
                }
            }
        }
        Path merged = dir.resolve("merged");
        CliTestSupport.Run merge = CliTestSupport.run("merge", first.toString(), killed.toString(),
                restarted.toString(), "--out", merged.toString());
        assertThat(merge.exitCode()).as("a shard is missing").isEqualTo(PushBench.EXIT_FAILURE);
        assertThat(merge.out()).contains("missing: shard 1 in step 1").contains("ignored: " + restarted);

        MergedShards shards = ResultFiles.mapper().readValue(merged.resolve(MergedShards.FILE).toFile(),
                MergedShards.class);
        assertThat(shards.shards()).extracting(MergedShards.Shard::index).containsExactly(0, 1);
        assertThat(shards.ignored()).singleElement().satisfies(i -> assertThat(i.dir()).isEqualTo(restarted.toString()));
        MergedShards.Missing missing = shards.missing().get(0);
        assertThat(missing.index()).isEqualTo(1);
        assertThat(missing.recorded()).as("what it recorded before it died").isPositive();
        assertThat(missing.planned()).as("its half of the plan's measured messages").isGreaterThan(missing.recorded());
        assertThat(missing.lost()).isEqualTo(missing.planned() - missing.recorded());

        TransportResult own = ResultFiles.readCapacity(first).steps().get(0).result();
        CapacityResult result = ResultFiles.readCapacity(merged);
        TransportResult.Delivery delivery = result.steps().get(0).result().delivery();
        assertThat(delivery.expected()).isEqualTo(own.delivery().expected() + missing.planned());
        assertThat(delivery.received()).isEqualTo(own.delivery().received() + missing.recorded());
        assertThat(delivery.lost()).isEqualTo(own.delivery().lost() + missing.lost());
        assertThat(result.steps().get(0).held()).isEqualTo(2);
        assertThat(result.interrupted()).as("a shard did not finish").isTrue();
    }

    @Test
    void compareShardsAgainstOneServerMergeTransportByTransport(@TempDir Path dir) throws Exception {
        int port = rendezvousPort();
        List<Path> dirs = new ArrayList<>();
        List<Process> shards = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Path out = dir.resolve("shard-" + i);
                dirs.add(out);
                shards.add(startShard(i, port, out, List.of("--server", base("http"), "--transports",
                        "websocket,sse-http1", "--rate", "50", "--subscribers", "6", "--warmup", "1s", "--duration",
                        "2s", "--drain", "1s"), 2, "compare"));
            }
            for (int i = 0; i < 2; i++) {
                assertThat(shards.get(i).waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(shards.get(i).exitValue()).as(console(dir, i)).isZero();
            }
        } finally {
            shards.forEach(Process::destroyForcibly);
        }
        Path merged = dir.resolve("merged");
        CliTestSupport.Run merge = CliTestSupport.run("merge", dirs.get(0).toString(), dirs.get(1).toString(), "--out",
                merged.toString());
        assertThat(merge.exitCode()).as(merge.out() + merge.err()).isZero();
        io.pushbench.core.result.RunResult result = ResultFiles.read(merged);
        assertThat(result.results()).extracting(TransportResult::label).containsExactly("websocket", "sse-http1");
        for (TransportResult r : result.results()) {
            long received = 0;
            Histogram byHand = new Histogram(3);
            for (Path d : dirs) {
                TransportResult own = ResultFiles.read(d).results().stream()
                        .filter(o -> o.label().equals(r.label())).findFirst().orElseThrow();
                received += own.delivery().received();
                addTagged(d.resolve(r.histogramLog()), Metrics.PUSH_CORRECTED, byHand);
            }
            assertThat(r.connections().opened()).isEqualTo(6);
            assertThat(r.delivery().received()).isEqualTo(received);
            assertThat(r.delivery().expected()).isEqualTo(r.delivery().sent() * 6);
            assertThat(r.latency().get(Metrics.PUSH_CORRECTED)).isEqualTo(LatencySummary.ofNanos(byHand));
        }
    }

    /** Seconds of step 1 in the shard's progress file so far. */
    private static int measuredSeconds(Path dir) throws IOException {
        Path file = dir.resolve("shard-progress.log");
        return Files.isRegularFile(file) ? (int) Files.readAllLines(file).stream().filter(l -> l.startsWith("1 "))
                .count() : 0;
    }

    private Process startShard(int index, int port, Path out, List<String> options) throws IOException {
        return startShard(index, port, out, options, SHARDS);
    }

    private Process startShard(int index, int port, Path out, List<String> options, int count) throws IOException {
        return startShard(index, port, out, options, count, "capacity");
    }

    private Process startShard(int index, int port, Path out, List<String> options, int count, String command)
            throws IOException {
        Files.createDirectories(out.getParent());
        List<String> line = new ArrayList<>(hosts.prefix(index));
        line.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-Djava.net.preferIPv4Stack=true", "-cp",
                System.getProperty("java.class.path"), PushBench.class.getName(), command));
        line.addAll(options);
        if (command.equals("capacity")) {
            line.addAll(hosts.sourceOptions(index));
        }
        line.addAll(List.of("--shard", index + "/" + count, "--rendezvous", hosts.shardAddress(0) + ":" + port,
                "--rendezvous-timeout", "60s", "--quiet", "--out", out.toString()));
        Files.createDirectories(out);
        return new ProcessBuilder(line).redirectErrorStream(true)
                .redirectOutput(consoleOf(out).toFile()).start();
    }

    private static String console(Path dir, int i) throws IOException {
        return Files.readString(consoleOf(dir.resolve("shard-" + i)));
    }

    /** Where a shard's console goes: beside its result directory, so the directory holds results only. */
    private static Path consoleOf(Path out) {
        return out.resolveSibling(out.getFileName() + ".console.txt");
    }

    private static String base(String scheme) {
        return scheme + "://" + hosts.serverAddress() + ":" + server.port();
    }

    /** A port free on shard 0's address (in its own namespace every port is). */
    private static int rendezvousPort() throws IOException {
        if (hosts.namespaces()) {
            return ThreadLocalRandom.current().nextInt(20_000, 30_000);
        }
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return probe.getLocalPort();
        }
    }

    private static void addTagged(Path log, String tag, Histogram into) throws IOException {
        try (InputStream in = Files.newInputStream(log)) {
            HistogramLogReader reader = new HistogramLogReader(in);
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                if (tag.equals(h.getTag())) {
                    into.add((Histogram) h);
                }
            }
        }
    }
}
