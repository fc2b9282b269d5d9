package io.pushbench.report;

import io.pushbench.core.gate.Check;
import io.pushbench.core.gate.Thresholds;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a CI job reads beside a run's page: {@code summary.md} always, and the thresholds kept in
 * {@code result.json} on the page and in {@code junit-thresholds.xml}; and the regression check of
 * a comparison on its page, in {@code regression.md} and {@code junit-regression.xml}.
 */
class GateFilesTest {

    @TempDir
    Path root;

    @Test
    void aRunWithoutThresholdsGetsItsMarkdownSummaryOnly() throws Exception {
        Path dir = new ResultFixture().transport(Transport.WEBSOCKET, 200_000, 262.0).floor(20_000)
                .write(root.resolve("run"));

        ReportRenderer.render(dir);

        String md = Files.readString(dir.resolve(ReportRenderer.SUMMARY_MD));
        assertThat(md).startsWith("## pushbench compare: fixture\n").contains("| transport | p50 (ms) | p99 (ms) |",
                "| floor (raw TCP) | 0.020 |", "| websocket | 0.200 |").doesNotContain("Thresholds");
        assertThat(dir.resolve(ReportRenderer.THRESHOLDS_JUNIT)).doesNotExist();
        assertThat(PageFile.read(dir.resolve("report.html")).sections()).doesNotContain("thresholds");
    }

    @Test
    void theThresholdsOfARunAreOnItsPageInItsSummaryAndInJunitXml() throws Exception {
        Path dir = new ResultFixture().transport(Transport.WEBSOCKET, 200_000, 262.0).write(root.resolve("run"));
        List<Check> checks = List.of(new Check("websocket", "p99<1us", Check.Status.FAILED, "p99 2 ms >= 1 us"),
                new Check("websocket", "lost=0", Check.Status.PASSED, "lost 0"));
        ResultFiles.putField(dir, Thresholds.RESULT_FIELD, checks);

        ReportRenderer.render(dir);

        PageFile page = PageFile.read(dir.resolve("report.html"));
        assertThat(page.sections()).contains("thresholds");
        assertThat(page.section("thresholds")).contains("1 of 2 failed", "p99 2 ms &gt;= 1 us", "label worse");
        assertThat(page.html()).contains("Thresholds: 1 of 2 failed: websocket p99&lt;1us.");
        assertThat(Files.readString(dir.resolve(ReportRenderer.SUMMARY_MD)))
                .contains("### Thresholds: 1 of 2 failed", "| \u274C **failed** | websocket | `p99<1us` | p99 2 ms >= 1 us |");
        assertThat(Files.readString(dir.resolve(ReportRenderer.THRESHOLDS_JUNIT)))
                .contains("failures=\"1\"", "<failure message=\"p99 2 ms &gt;= 1 us\"");
        // The page is rendered from result.json, which still reads as a run's result.
        assertThat(ResultFiles.read(dir).results()).hasSize(1);
    }

    @Test
    void aRegressionCheckIsOnTheComparisonAndInItsOwnFiles() throws Exception {
        Path baseline = new ResultFixture().transport(Transport.WEBSOCKET, 200_000, 262.0).write(root.resolve("a"));
        Path current = new ResultFixture().transport(Transport.WEBSOCKET, 400_000, 262.0).write(root.resolve("b"));

        ReportRenderer.Rendered rendered = ReportRenderer.compare(current, baseline, MaxRegression.parse("p99:+20%"));

        // The fixture's three seconds are too few to tell noise from change: the whole run decides.
        assertThat(rendered.checks()).extracting(Check::status).containsExactly(Check.Status.FAILED);
        PageFile page = PageFile.read(rendered.page());
        assertThat(page.sections().get(0)).isEqualTo("regression");
        assertThat(page.html()).contains("Regression check: 1 of 1 failed: websocket p99:+20%.");
        assertThat(Files.readString(current.resolve(ReportRenderer.REGRESSION_MD)))
                .contains("## pushbench regression check: fixture", "### Regression check: 1 of 1 failed");
        assertThat(Files.readString(current.resolve(ReportRenderer.REGRESSION_JUNIT)))
                .contains("name=\"pushbench.regression\"", "classname=\"pushbench.regression.websocket\"");
    }
}
