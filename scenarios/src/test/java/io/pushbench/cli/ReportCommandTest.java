package io.pushbench.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pushbench report}, on result directories written by two real {@code compare} runs
 * (WebSocket against the embedded reference server, one second each, at two rates), and on
 * damaged copies of them.
 */
class ReportCommandTest {

    @TempDir
    static Path root;
    private static Path slow;
    private static Path fast;
    private static CliTestSupport.Run slowRun;

    private static CliTestSupport.Run compare(Path dir, int rate) {
        return CliTestSupport.run("compare", "--quiet", "--rate", Integer.toString(rate), "--subscribers", "2",
                "--warmup", "0s", "--duration", "1s", "--drain", "1s", "--out", dir.toString());
    }

    @BeforeAll
    static void twoRealRuns() {
        slow = root.resolve("slow");
        fast = root.resolve("fast");
        slowRun = compare(slow, 100);
        assertThat(slowRun.exitCode()).as(slowRun.err()).isZero();
        CliTestSupport.Run fastRun = compare(fast, 200);
        assertThat(fastRun.exitCode()).as(fastRun.err()).isZero();
    }

    @Test
    void compareRendersTheReportOfItsRunAndPrintsItsPath() {
        Path page = slow.toAbsolutePath().resolve("report.html");
        assertThat(slowRun.out()).contains("report: " + page + System.lineSeparator());
        assertThat(page).isRegularFile();
    }

    @Test
    void printsThePathOfTheReport() {
        CliTestSupport.Run r = CliTestSupport.run("report", slow.toString());

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo(slow.toAbsolutePath().resolve("report.html") + System.lineSeparator());
        assertThat(r.err()).isEmpty();
        assertThat(slow.resolve("websocket-netty.push-corrected.hgrm")).isRegularFile();
    }

    @Test
    void withABaselinePrintsTheComparisonWhichShowsWhatChanged() throws IOException {
        CliTestSupport.Run r = CliTestSupport.run("report", fast.toString(), "--baseline", slow.toString());

        Path page = fast.toAbsolutePath().resolve("comparison.html");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(page + System.lineSeparator());
        String html = Files.readString(page);
        // Twice the rate, twice the deliveries per second: more is better.
        String delivered = Arrays.stream(html.split("<tr")).filter(row -> row.contains(">delivered (msg/s)<"))
                .findFirst().orElseThrow();
        assertThat(delivered).contains("\u25B2 better");
        assertThat(html).contains("The runs differ in load");
    }

    @Test
    void aMissingDirectoryIsOneLineAndExitsNonZero() {
        CliTestSupport.Run r = CliTestSupport.run("report", root.resolve("nowhere").toString());

        assertOneLineError(r, root.resolve("nowhere") + ": no such directory");
    }

    @Test
    void aDirectoryWithoutAResultIsOneLine() throws IOException {
        Path empty = Files.createDirectories(root.resolve("empty"));

        assertOneLineError(CliTestSupport.run("report", empty.toString()), "no result.json");
    }

    @Test
    void malformedJsonIsOneLine() throws IOException {
        Path broken = copyOf(slow, "malformed");
        Files.writeString(broken.resolve("result.json"), "{ \"format\": ");

        assertOneLineError(CliTestSupport.run("report", broken.toString()), "result.json: malformed JSON at line 1");
    }

    @Test
    void aMissingHistogramLogIsOneLine() throws IOException {
        Path broken = copyOf(slow, "no-log");
        Files.delete(broken.resolve("websocket-netty.hlog"));

        assertOneLineError(CliTestSupport.run("report", broken.toString()), "websocket-netty.hlog: histogram log missing");
    }

    @Test
    void aBadBaselineIsOneLine() {
        assertOneLineError(CliTestSupport.run("report", slow.toString(), "--baseline", root.resolve("nowhere").toString()),
                "no such directory");
    }

    @Test
    void aTruncatedHistogramLogIsRenderedThenReported() throws IOException {
        Path killed = copyOf(slow, "killed");
        Path log = killed.resolve("websocket-netty.hlog");
        byte[] bytes = Files.readAllBytes(log);
        Files.write(log, Arrays.copyOf(bytes, bytes.length - 25));

        CliTestSupport.Run r = CliTestSupport.run("report", killed.toString());

        Path page = killed.toAbsolutePath().resolve("report.html");
        assertThat(r.out()).isEqualTo(page + System.lineSeparator());
        assertThat(page).isRegularFile();
        assertThat(Files.readString(page)).contains("websocket-netty.hlog ends in the middle of a record");
        assertOneLineError(r, "websocket-netty.hlog: histogram log truncated; rendered the intervals it holds");
    }

    private static void assertOneLineError(CliTestSupport.Run r, String expected) {
        assertThat(r.exitCode()).isEqualTo(PushBench.EXIT_FAILURE);
        assertThat(r.err().lines()).singleElement().asString().startsWith("pushbench: ").contains(expected);
    }

    private static Path copyOf(Path dir, String name) throws IOException {
        Path copy = Files.createDirectories(root.resolve(name));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }
}
