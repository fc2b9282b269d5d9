package io.pushbench.report;

import io.pushbench.core.gate.Check;
import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.ResultFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders {@value ReportRenderer#REPORT_HTML} for a {@code compare} run with a rate staircase: a
 * directory holding one capacity result per transport in its subdirectories
 * ({@link ResultFiles#readCapacities}). The page shows each transport's highest sustained rate
 * side by side, then each staircase step by step, read from the files alone.
 *
 * <p>Thread-safe: each call works on its own files and objects.
 */
final class StaircaseReport {

    private StaircaseReport() {
    }

    /**
     * Whether {@code dir} holds a staircase run: no {@value ResultFiles#RESULT_JSON} of its own, one
     * capacity result per transport in its subdirectories.
     */
    static boolean holds(Path dir) throws IOException {
        if (!Files.isDirectory(dir) || Files.exists(dir.resolve(ResultFiles.RESULT_JSON))) {
            return false;
        }
        try (var children = Files.list(dir)) {
            return children.anyMatch(child -> Files.isRegularFile(child.resolve(ResultFiles.RESULT_JSON)));
        }
    }

    /**
     * The capacity results of a staircase directory, one per transport.
     *
     * @throws ReportInputException if {@code dir} holds no capacity result, or one cannot be read
     */
    static List<CapacityResult> read(Path dir) throws ReportInputException {
        List<CapacityResult> results;
        try {
            results = ResultFiles.readCapacities(dir);
        } catch (IOException e) {
            throw new ReportInputException(dir + ": cannot read the capacity results in it (" + e.getMessage() + ")");
        }
        if (results.isEmpty()) {
            throw new ReportInputException(dir + ": no capacity result (*/" + ResultFiles.RESULT_JSON + ") in it");
        }
        return results;
    }

    /**
     * Writes the page into {@code dir}, titled with the directory's name.
     *
     * @param results    the staircases, as {@link #read} gives them
     * @param thresholds the checks of the run's thresholds, empty for none
     * @return the page written
     * @throws IOException if the page cannot be written
     */
    static Path render(Path dir, List<CapacityResult> results, List<Check> thresholds) throws IOException {
        String title = String.valueOf(dir.toAbsolutePath().normalize().getFileName());
        List<Section> sections = new ArrayList<>();
        sections.add(new StaircaseSummarySection(results));
        if (!thresholds.isEmpty()) {
            sections.add(ThresholdNotes.section(thresholds));
        }
        results.forEach(r -> sections.add(new StaircaseStepsSection(r)));
        List<String> banners = new ArrayList<>();
        if (results.stream().anyMatch(CapacityResult::interrupted)) {
            banners.add("the run was interrupted: a staircase may have stopped before a step broke");
        }
        ThresholdNotes.banner(banners, thresholds);
        CapacityResult first = results.get(0);
        String subtitle = "rate staircase, started " + first.startedAt() + "; " + first.scenario().connections()
                + " connections; objective " + first.scenario().slo() + ", and pushbench not saturated";
        return ReportRenderer.write(dir.resolve(ReportRenderer.REPORT_HTML),
                PageLayout.render(title, subtitle, banners, sections));
    }
}
