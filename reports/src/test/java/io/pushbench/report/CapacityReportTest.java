package io.pushbench.report;

import io.pushbench.core.result.ResultFiles;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The page of a capacity run, rendered from result directories with known figures. */
class CapacityReportTest {

    @TempDir
    Path dir;

    /** Three steps that hold (p99 about 0.3, 0.6 and 1.5 ms), then one at p99 about 60 ms that breaks p99<50ms. */
    private Path brokeAtTheFourthStep() throws IOException {
        return new CapacityFixture()
                .step(200_000, 0)
                .step(400_000, 0)
                .step(1_000_000, 0)
                .step(40_000_000, 0.02)
                .write(dir);
    }

    @Test
    void rendersTheVerdictFirstThenTheChartStepsTimeConditionsAndFiles() throws Exception {
        ReportRenderer.Rendered rendered = ReportRenderer.render(brokeAtTheFourthStep());

        assertThat(rendered.page()).isEqualTo(dir.resolve("report.html")).isRegularFile();
        assertThat(rendered.problems()).isEmpty();
        PageFile page = PageFile.read(rendered.page());
        assertThat(page.sections()).containsExactly("capacity", "steps", "timeline", "conditions", "files");
        assertThat(page.html()).contains("<h1>pushbench capacity: " + CapacityFixture.URL + "</h1>",
                "websocket, echo: 100..1000/100 connections at 1000 msg/s sent; objective p99&lt;50ms, errors&lt;1%; "
                        + "started 2026-11-25 05:21:22 UTC");
        assertThat(page.section("capacity")).contains("<p class=\"verdict\"><strong>capacity: 300 connections at "
                + "1000 msg/s held (p99 1.49 ms, errors 0.00%); broke at 400 connections at 1000 msg/s: p99 ");
        assertThat(page.section("conditions")).contains(CapacityFixture.URL, "100..1000/100", "1000 msg/s sent",
                "p99&lt;50ms, errors&lt;1%", "3 s", System.getProperty("java.vm.name"));
        assertThat(page.html()).doesNotContain("class=\"banner\"");
        assertThat(page.charts()).extracting(PageFile.Chart::alt)
                .containsExactly("Latency and errors by load step", "Round-trip latency over time");
        assertThat(page.charts()).allSatisfy(chart -> assertThat(chart.image().getWidth()).isEqualTo(2 * chart.width()));
    }

    @Test
    void theStepTableHasTheConsoleColumnsAndSaysWhatBroke() throws Exception {
        String steps = PageFile.read(ReportRenderer.render(brokeAtTheFourthStep()).page()).section("steps");

        assertThat(steps).contains("connections", "TCP", "held", "offered", "received", "p50", "p99", "p99.9", "errors",
                "connect p99", "heap/conn", "RSS/conn", "verdict");
        List<String> rows = Arrays.stream(steps.split("<tr>")).filter(r -> r.startsWith("<td>")).toList();
        assertThat(rows).hasSize(4);
        assertThat(rows.subList(0, 3)).allSatisfy(r -> assertThat(r).contains("class=\"label better\">held<"));
        assertThat(rows.get(3)).contains("<td>400</td><td>10</td><td>392</td><td>1,000</td>", "<td>2.00</td>",
                "<td>8.0</td><td>14.0</td>", "class=\"label worse\">broke: p99 ").contains("&gt;= 50 ms");
        assertThat(steps).doesNotContain("saturated");
    }

    @Test
    void theChartIsDrawnFromEveryStepWithTheBrokenStepMarked() throws Exception {
        brokeAtTheFourthStep();
        CapacityCurve curve = CapacityCurve.of(ResultFiles.readCapacity(dir));

        assertThat(curve.loadAxis()).isEqualTo("connections");
        assertThat(curve.points()).extracting(CapacityCurve.Point::load).containsExactly(100.0, 200.0, 300.0, 400.0);
        assertThat(curve.points()).extracting(CapacityCurve.Point::held).containsExactly(true, true, true, false);
        assertThat(curve.points().get(0).p50Millis()).isCloseTo(0.2, within(0.002));
        assertThat(curve.points().get(0).p99Millis()).isCloseTo(0.298, within(0.003));
        assertThat(curve.broken().step()).isEqualTo(4);
        assertThat(curve.broken().p99Millis()).isGreaterThan(50);
        assertThat(curve.broken().errorPercent()).isEqualTo(2.0);
        assertThat(curve.latencyLimits()).containsExactly(new CapacityCurve.Limit("p99<50ms", 50));
        assertThat(curve.logScale()).as("0.2 to 60 ms spans more than two decades").isTrue();

        XYPlot plot = CapacityChart.draw(curve).getXYPlot();
        assertThat(plot.getRangeAxis(0)).isInstanceOf(LogAxis.class);
        assertThat(plot.getRangeAxis(1).getLabel()).isEqualTo("errors (%)");
        XYDataset latency = plot.getDataset(0);
        assertThat(latency.getSeriesCount()).isEqualTo(2);
        assertThat(latency.getYValue(1, 3)).as("p99 of the broken step").isEqualTo(curve.broken().p99Millis());
        assertThat(plot.getDataset(1).getYValue(0, 3)).as("its error rate").isEqualTo(2.0);
        assertThat(plot.getRenderer(0).getItemShape(1, 3)).as("the broken step's point")
                .isNotEqualTo(plot.getRenderer(0).getItemShape(1, 2));
        assertThat(plot.getRenderer(0).getItemShape(0, 0)).isEqualTo(plot.getRenderer(0).getItemShape(1, 2));
        assertThat(domainMarkers(plot)).containsExactly("held 300@300.0", "broke 400@400.0");
        assertThat(labels(plot.getRangeMarkers(Layer.BACKGROUND))).containsExactly("objective p99<50ms@50.0");
    }

    @Test
    void aRunInWhichEveryStepHeldMarksNoBreak() throws Exception {
        new CapacityFixture().step(200_000, 0).step(300_000, 0).write(dir);
        CapacityCurve curve = CapacityCurve.of(ResultFiles.readCapacity(dir));

        assertThat(curve.brokenStep()).isZero();
        assertThat(curve.broken()).isNull();
        JFreeChart chart = CapacityChart.draw(curve);
        assertThat(domainMarkers(chart.getXYPlot())).containsExactly("held 200@200.0");
        assertThat(PageFile.read(ReportRenderer.render(dir).page()).section("capacity"))
                .contains("capacity: at least 200 connections");
    }

    @Test
    void aLatencyWithinOneDecadeIsOnALinearAxis() {
        CapacityCurve curve = new CapacityCurve("connections", List.of(
                new CapacityCurve.Point(1, 100, 1.0, 4.0, 0, true),
                new CapacityCurve.Point(2, 200, 1.5, 9.0, 0, true)), 0, List.of(new CapacityCurve.Limit("p99<20ms", 20)));

        assertThat(curve.logScale()).isFalse();
        assertThat(CapacityChart.draw(curve).getXYPlot().getRangeAxis()).isNotInstanceOf(LogAxis.class);
    }

    @Test
    void aMissingStepLogLeavesThatStepOutOfTheTimelineAndSaysSo() throws Exception {
        brokeAtTheFourthStep();
        Files.delete(dir.resolve("step-02.hlog"));

        ReportRenderer.Rendered rendered = ReportRenderer.render(dir);

        assertThat(rendered.problems()).singleElement().asString()
                .contains("step-02.hlog", "histogram log missing").doesNotContain("\n");
        PageFile page = PageFile.read(rendered.page());
        assertThat(page.html()).contains("class=\"banner\"", "The histogram log step-02.hlog is missing");
        assertThat(page.sections()).contains("capacity", "steps", "timeline");
        assertThat(page.charts()).hasSize(2).allMatch(chart -> chart.image() != null);
        assertThat(page.section("steps").split("<tr><td>", -1)).as("every step is in the table").hasSize(5);
    }

    @Test
    void aCutOffStepLogIsRenderedAsFarAsItGoes() throws Exception {
        brokeAtTheFourthStep();
        Path log = dir.resolve("step-04.hlog");
        byte[] whole = Files.readAllBytes(log);
        Files.write(log, Arrays.copyOf(whole, whole.length - 40));

        ReportRenderer.Rendered rendered = ReportRenderer.render(dir);

        assertThat(rendered.problems()).singleElement().asString().contains("step-04.hlog", "truncated");
        PageFile page = PageFile.read(rendered.page());
        assertThat(page.html()).contains("step-04.hlog ends in the middle of a record");
        assertThat(page.charts()).hasSize(2).allMatch(chart -> chart.image() != null);
        assertThat(page.section("files")).contains("href=\"step-04.hlog\"", "href=\"step-01.rtt-corrected.hgrm\"",
                "href=\"result.json\"", "<strong>step 4</strong>");
    }

    @Test
    void warnsOfAnInterruptedRunAndOfAStepWhoseGeneratorWasSaturated() throws Exception {
        new CapacityFixture().step(200_000, 0).saturatedStep(300_000, 0).interrupted(true).write(dir);

        PageFile page = PageFile.read(ReportRenderer.render(dir).page());

        assertThat(page.html()).contains("This run was interrupted", "step 2: the load generator was saturated",
                "schedule lag p99 12.0 ms &gt; 5 ms");
        assertThat(page.section("capacity")).contains("interrupted before a step broke");
        assertThat(page.section("steps")).contains("<span class=\"flag\"");
    }

    @Test
    void aComparisonWithABaselineIsRefusedForCapacityResults() throws Exception {
        brokeAtTheFourthStep();
        Path compareRun = new ResultFixture().transport(io.pushbench.core.transport.Transport.WEBSOCKET, 200_000, 262)
                .write(dir.resolveSibling(dir.getFileName() + "-compare"));

        assertThatThrownBy(() -> ReportRenderer.compare(dir, compareRun)).isInstanceOf(ReportInputException.class)
                .hasMessage(dir + ": a capacity result: a comparison with a baseline is for compare results; read "
                        + "the verdicts of the two capacity reports side by side");
        assertThatThrownBy(() -> ReportRenderer.compare(compareRun, dir)).hasMessageStartingWith(dir + ": a capacity");
        assertThat(dir.resolve("comparison.html")).doesNotExist();
    }

    private static List<String> domainMarkers(XYPlot plot) {
        return labels(plot.getDomainMarkers(Layer.BACKGROUND));
    }

    private static List<String> labels(Collection<?> markers) {
        return markers == null ? List.of() : markers.stream()
                .map(m -> ((Marker) m).getLabel() + "@" + ((ValueMarker) m).getValue()).toList();
    }
}
