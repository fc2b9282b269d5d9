package io.pushbench.report;

import io.pushbench.core.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** A run against its baseline, from result directories with known figures. */
class ComparisonPageTest {

    @TempDir
    Path root;

    @Test
    void showsEachFigureWithItsChangeAndWhetherThatIsBetter() throws Exception {
        Path baseline = new ResultFixture().transport(Transport.WEBSOCKET, 200_000, 262.0).write(root.resolve("a"));
        Path current = new ResultFixture().transport(Transport.WEBSOCKET, 300_000, 262.0).write(root.resolve("b"));

        ReportRenderer.Rendered rendered = ReportRenderer.compare(current, baseline);

        assertThat(rendered.page()).isEqualTo(current.resolve("comparison.html")).isRegularFile();
        assertThat(current.resolve("report.html")).isRegularFile();
        PageFile page = PageFile.read(rendered.page());
        assertThat(page.sections()).containsExactly("conditions", "changes", "percentiles", "files");
        String changes = page.section("changes");
        // The median went from 0.200 to 0.300 ms: 50% up, worse.
        assertThat(row(changes, "p50 (ms)")).contains(">0.200<", ">0.300<", ">+50.0%<", "class=\"label worse\"",
                "\u25B2 worse");
        assertThat(row(changes, "wire (B/msg)")).contains(">262.0<", ">0%<", "= same");
        assertThat(page.html()).doesNotContain("class=\"banner\"");
        assertThat(page.charts()).singleElement().satisfies(chart -> {
            assertThat(chart.image()).isNotNull();
            assertThat(chart.alt()).isEqualTo("Push latency by percentile, current against baseline");
        });
    }

    @Test
    void lowerLatencyAndFewerBytesAreBetter() throws Exception {
        Path baseline = new ResultFixture().transport(Transport.WEBSOCKET, 400_000, 300.0).write(root.resolve("a"));
        Path current = new ResultFixture().transport(Transport.WEBSOCKET, 200_000, 270.0).write(root.resolve("b"));

        String changes = PageFile.read(ReportRenderer.compare(current, baseline).page()).section("changes");

        assertThat(row(changes, "p99 (ms)")).contains("-50.0%", "\u25BC better");
        assertThat(row(changes, "wire (B/msg)")).contains("-10.0%", "\u25BC better");
    }

    @Test
    void warnsWhenTheRunsDifferInTheirConditionsOrTransports() throws Exception {
        Path baseline = new ResultFixture().rate(1000)
                .transport(Transport.WEBSOCKET, 200_000, 262.0)
                .transport(Transport.LONG_POLLING, 900_000, 700.0).write(root.resolve("a"));
        Path current = new ResultFixture().rate(2000)
                .transport(Transport.WEBSOCKET, 200_000, 262.0)
                .transport(Transport.SSE_HTTP2, 300_000, 270.0).write(root.resolve("b"));

        PageFile page = PageFile.read(ReportRenderer.compare(current, baseline).page());

        assertThat(page.html()).contains("The runs differ in load:", "Only in the baseline, not compared: long-polling.",
                "Only in the current run, not compared: sse-http2.");
        assertThat(page.section("conditions")).contains("<tr class=\"differs\"><td class=\"label\">load</td>");
        assertThat(page.section("changes")).contains("websocket").doesNotContain("long-polling", "sse-http2");
    }

    @Test
    void carriesEachRunsWarnings() throws Exception {
        Path baseline = new ResultFixture().interrupted(true).transport(Transport.WEBSOCKET, 200_000, 262.0)
                .write(root.resolve("a"));
        Path current = new ResultFixture().transport(Transport.WEBSOCKET, 200_000, 262.0).write(root.resolve("b"));

        assertThat(PageFile.read(ReportRenderer.compare(current, baseline).page()).html())
                .contains("Baseline: This run was interrupted");
    }

    @Test
    void linksBothRunsRelativeToThePage() throws Exception {
        Path baseline = new ResultFixture().transport(Transport.WEBSOCKET, 200_000, 262.0)
                .write(root.resolve("runs with spaces").resolve("a"));
        Path current = new ResultFixture().transport(Transport.WEBSOCKET, 200_000, 262.0).write(root.resolve("b"));

        String files = PageFile.read(ReportRenderer.compare(current, baseline).page()).section("files");

        assertThat(files).contains("href=\"./report.html\"", "href=\"./result.json\"",
                "href=\"../runs%20with%20spaces/a/result.json\"");
    }

    private static String row(String table, String label) {
        return Arrays.stream(table.split("<tr")).filter(r -> r.contains(">" + label + "</td>"))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + label + " in " + table));
    }
}
