package io.pushbench.report;

import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.GeneratorFloorResult;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.RunResult;
import io.pushbench.core.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The generator floor on the report: a section for a compare run, two columns for a capacity run, nothing without. */
class GeneratorFloorReportTest {

    @TempDir
    Path dir;

    /** A broadcast floor of 2.5 µs per delivered message, 0.5 µs of it the server's. */
    private static GeneratorFloorResult floor() {
        return new GeneratorFloorResult(GeneratorFloorResult.SSE_READER, 10, 1000, 256, 2.0, 2000, 20_000, 50, 10,
                5, 2.5, 0.5, List.of(), null);
    }

    @Test
    void aCompareRunWithAGeneratorFloorGetsItsSection() throws Exception {
        Path written = new ResultFixture().transport(Transport.WEBSOCKET, 200_000, 262.0).write(dir);
        RunResult run = ResultFiles.read(written);
        double generator = run.results().get(0).selfHealth().generatorCpuMicrosPerMessage();
        ResultFiles.write(written, run.withGeneratorFloor(floor()));

        PageFile page = PageFile.read(ReportRenderer.render(written).page());

        assertThat(page.sections()).containsSubsequence("summary", "generator-cost", "percentiles");
        assertThat(page.section("generator-cost")).contains("generator floor: bare SSE reader", ">2.5<",
                "websocket", String.format(java.util.Locale.ROOT, ">%,.1f<", generator),
                String.format(java.util.Locale.ROOT, ">%,.1f<", generator / 2.5), "per delivered message");
    }

    @Test
    void aRunWithoutOneHasNoSection() throws Exception {
        Path written = new ResultFixture().transport(Transport.WEBSOCKET, 200_000, 262.0).write(dir);

        PageFile page = PageFile.read(ReportRenderer.render(written).page());

        assertThat(page.sections()).doesNotContain("generator-cost");
    }

    @Test
    void aCapacityRunShowsEachStepsMultiple() throws Exception {
        Path written = new CapacityFixture().step(1_000_000, 0).step(2_000_000, 0).write(dir);
        CapacityResult run = ResultFiles.readCapacity(written);
        ResultFiles.write(written, run.withGeneratorFloors(Map.of(1, floor())));

        PageFile page = PageFile.read(ReportRenderer.render(written).page());

        assertThat(page.section("steps")).contains("pushbench CPU", "\u00D7 generator floor",
                "measured for a few seconds after the step");
    }
}
