package io.pushbench.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushbench.core.gate.Check;
import io.pushbench.core.gate.Thresholds;
import io.pushbench.core.result.ResultFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.pushbench.cli.CliTestSupport.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * pushbench as a gate, from the command line: thresholds ({@code --assert}) on compare and
 * capacity exit 99 and name every violation, and {@code report --max-regression} exits 99 on a
 * regression. Real runs of a second against the embedded reference server (and, for capacity, a
 * {@code serve} process); the limits are either impossible (1 us) or loose (10 s), so the outcome
 * does not depend on how loaded the machine is.
 */
@Timeout(180)
class GateTest {

    @TempDir
    static Path root;
    private static ServerProcess server;

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerProcess.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static CliTestSupport.Run compare(Path dir, String... more) {
        return CliTestSupport.run(Stream.concat(Stream.of("compare", "--quiet", "--transports", "websocket,sse-http1",
                "--rate", "100", "--subscribers", "2", "--warmup", "0s", "--duration", "1s", "--drain", "1s",
                "--no-floor", "--out", dir.toString()), Stream.of(more)).toArray(String[]::new));
    }

    @Test
    void aBrokenThresholdExits99AndNamesEveryViolatingTransport() throws IOException {
        Path dir = root.resolve("broken");
        CliTestSupport.Run run = compare(dir, "--assert", "p99<1us");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(PushBench.EXIT_THRESHOLD);
        assertThat(run.out()).contains("thresholds: 2 of 2 failed",
                "  failed: websocket p99<1us: p99 ", "  failed: sse-http1 p99<1us: p99 ");
        List<Check> kept = ResultFiles.readField(dir, Thresholds.RESULT_FIELD,
                new com.fasterxml.jackson.core.type.TypeReference<List<Check>>() { });
        assertThat(kept).extracting(Check::subject).containsExactly("websocket", "sse-http1");
        assertThat(kept).allMatch(Check::failed);
        assertThat(dir.resolve("junit-thresholds.xml")).isRegularFile();
        assertThat(Files.readString(dir.resolve("summary.md"))).contains("### Thresholds: 2 of 2 failed");
        assertThat(Files.readString(dir.resolve("report.html"))).contains("id=\"thresholds\"");
    }

    @Test
    void thresholdsThatHoldExitZero() {
        CliTestSupport.Run run = compare(root.resolve("held"), "--assert", "p99<10s,websocket:lost<=1000");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("thresholds: all 3 passed", "  passed: websocket p99<10s: p99 ",
                "  passed: websocket lost<=1000: lost ");
    }

    @Test
    void aScenarioFileSetsThresholdsUnderAssert() throws IOException {
        Path scenario = root.resolve("gate.yaml");
        Files.writeString(scenario, "transports: [websocket]\nassert: [p99<1us, lost=0]\n");
        CliTestSupport.Run run = CliTestSupport.run("compare", "--quiet", "--scenario", scenario.toString(),
                "--rate", "100", "--subscribers", "2", "--warmup", "0s", "--duration", "1s", "--drain", "1s",
                "--no-floor", "--out", root.resolve("scenario").toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(PushBench.EXIT_THRESHOLD);
        assertThat(run.out()).contains("failed: websocket p99<1us");
    }

    @Test
    void aThresholdForATransportNotRunIsAUsageErrorBeforeAnythingRuns() {
        CliTestSupport.Run run = CliTestSupport.run("compare", "--transports", "websocket", "--assert",
                "sse-http2:p99<1ms", "--out", root.resolve("never").toString());

        assertThat(run.exitCode()).isEqualTo(PushBench.EXIT_USAGE);
        assertOneLineError(run, "--assert 'sse-http2:p99<1ms': sse-http2 is not measured by this run");
        assertThat(root.resolve("never")).doesNotExist();
        assertOneLineError(CliTestSupport.run("compare", "--assert", "p99<fast"), "'p99<fast'", "duration");
        assertOneLineError(CliTestSupport.run("compare", "--assert", "capacity>=100"), "capacity>=N judges a staircase");
    }

    @Test
    void aRateStaircaseIsJudgedPerTransportByTheRateFound() throws IOException {
        // A step breaks when pushbench is saturated, which a loaded machine can make of any step: capacity>=0
        // holds whatever was found.
        Path dir = root.resolve("staircase");
        CliTestSupport.Run run = CliTestSupport.run("compare", "--quiet", "--transports", "websocket", "--rate",
                "50..100/50", "--slo", "p99<10s", "--subscribers", "2", "--warmup", "0s", "--duration", "1s",
                "--drain", "1s", "--out", dir.toString(), "--assert", "capacity>=0,capacity>=1000000");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(PushBench.EXIT_THRESHOLD);
        assertThat(run.out()).contains("thresholds: 1 of 2 failed", "  passed: websocket capacity>=0: capacity ",
                "  failed: websocket capacity>=1000000: capacity ");
        assertThat(ResultFiles.readField(dir.resolve("websocket-netty"), Thresholds.RESULT_FIELD,
                new com.fasterxml.jackson.core.type.TypeReference<List<Check>>() { })).hasSize(2);
        assertThat(Files.readString(dir.resolve("junit-thresholds.xml"))).contains("tests=\"2\"", "failures=\"1\"");
        assertThat(Files.readString(dir.resolve("summary.md"))).contains("- **websocket**: capacity: ");
    }

    @Test
    void capacityChecksTheCapacityFoundAndTheStepThatHeld() throws IOException {
        Path dir = root.resolve("capacity");
        CliTestSupport.Run run = CliTestSupport.run("capacity", "--mode", "echo", "--url",
                server.base("ws") + "/ws/echo", "--connections", "2..4/2", "--rate", "100", "--step-duration", "1s",
                "--step-warmup", "200ms", "--slo", "p99<10s", "--io-threads", "1", "--quiet", "--out", dir.toString(),
                "--assert", "capacity>=4,p99<10s,capacity>=5");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(PushBench.EXIT_THRESHOLD);
        assertThat(run.out()).contains("thresholds: 1 of 3 failed",
                "  passed: websocket capacity>=4: capacity 4 connections",
                "  passed: websocket p99<10s: step 2: p99 ",
                "  failed: websocket capacity>=5: capacity 4 connections < 5");
        assertThat(Files.readString(dir.resolve("junit-thresholds.xml"))).contains("tests=\"3\"", "failures=\"1\"");
    }

    @Test
    void reportExits99WhenAFigureRegressedBeyondItsAllowance() throws IOException {
        Path baseline = root.resolve("baseline");
        CliTestSupport.Run first = CliTestSupport.run("compare", "--quiet", "--transports", "websocket", "--rate",
                "100", "--subscribers", "2", "--warmup", "0s", "--duration", "1s", "--drain", "1s", "--no-floor",
                "--out", baseline.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        // A loaded machine may saturate pushbench, which makes a regression inconclusive: not here.
        edit(baseline, json -> { });
        // The same run with its p99 ten times higher: a second has too few intervals to tell noise, so the
        // whole-run figure decides.
        Path slower = root.resolve("slower");
        copy(baseline, slower);
        edit(slower, json -> {
            ObjectNode latency = (ObjectNode) json.path("results").path(0).path("latency").path("push-corrected");
            latency.put("p99", latency.path("p99").asDouble() * 10);
        });

        CliTestSupport.Run regressed = CliTestSupport.run("report", slower.toString(), "--baseline",
                baseline.toString(), "--max-regression", "p99:+20%");
        CliTestSupport.Run same = CliTestSupport.run("report", baseline.toString(), "--baseline",
                baseline.toString(), "--max-regression", "p99:+20%");

        assertThat(regressed.exitCode()).as(regressed.err()).isEqualTo(PushBench.EXIT_THRESHOLD);
        assertThat(regressed.out()).contains("regression check against " + baseline + ": 1 of 1 failed",
                "  failed: websocket p99:+20%: p99 ", "(+900.0%), beyond +20%");
        assertThat(slower.resolve("junit-regression.xml")).isRegularFile();
        assertThat(slower.resolve("regression.md")).isRegularFile();
        assertThat(same.exitCode()).as(same.out() + same.err()).isZero();
        assertThat(same.out()).contains("1 passed", "passed: websocket p99:+20%");
    }

    @Test
    void maxRegressionNeedsABaselineAndAKnownFigure() {
        assertOneLineError(CliTestSupport.run("report", root.toString(), "--max-regression", "p99:+20%"),
                "--max-regression p99:+20% judges a run against a baseline: give --baseline DIR too");
        assertOneLineError(CliTestSupport.run("report", root.toString(), "--baseline", root.toString(),
                "--max-regression", "lost:+5%"), "unknown figure 'lost'");
    }

    /** Rewrites the first result of {@code dir}'s result.json by {@code change}, with pushbench not saturated. */
    private static void edit(Path dir, java.util.function.Consumer<ObjectNode> change) throws IOException {
        ObjectNode json = (ObjectNode) ResultFiles.mapper().readTree(dir.resolve("result.json").toFile());
        ((ObjectNode) json.path("results").path(0).path("selfHealth")).put("saturated", false);
        change.accept(json);
        ResultFiles.mapper().writeValue(dir.resolve("result.json").toFile(), json);
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
