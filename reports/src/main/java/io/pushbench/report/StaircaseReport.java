package io.pushbench.report;

import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.ResultFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
public final class StaircaseReport {

    private StaircaseReport() {
    }

    /**
     * Writes the page into {@code dir}.
     *
     * @param title the page title, e.g. the scenario's name
     * @return the page written
     * @throws ReportInputException if {@code dir} holds no capacity result, or one cannot be read
     * @throws IOException          if the page cannot be written
     */
    public static Path render(Path dir, String title) throws ReportInputException, IOException {
        List<CapacityResult> results;
        try {
            results = ResultFiles.readCapacities(dir);
        } catch (IOException e) {
            throw new ReportInputException(dir + ": cannot read the capacity results in it (" + e.getMessage() + ")");
        }
        if (results.isEmpty()) {
            throw new ReportInputException(dir + ": no capacity result (*/" + ResultFiles.RESULT_JSON + ") in it");
        }
        List<Section> sections = new ArrayList<>();
        sections.add(new StaircaseSummarySection(results));
        results.forEach(r -> sections.add(new StaircaseStepsSection(r)));
        List<String> banners = new ArrayList<>();
        if (results.stream().anyMatch(CapacityResult::interrupted)) {
            banners.add("the run was interrupted: a staircase may have stopped before a step broke");
        }
        CapacityResult first = results.get(0);
        String subtitle = "rate staircase, started " + first.startedAt() + "; " + first.scenario().connections()
                + " connections; objective " + first.scenario().slo() + ", and pushbench not saturated";
        Path page = dir.resolve(ReportRenderer.REPORT_HTML);
        Path tmp = page.resolveSibling(page.getFileName() + ".tmp");
        Files.writeString(tmp, PageLayout.render(title, subtitle, banners, sections), StandardCharsets.UTF_8);
        return Files.move(tmp, page, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
