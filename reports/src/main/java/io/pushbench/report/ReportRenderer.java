package io.pushbench.report;

import io.pushbench.core.result.ResultFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the HTML report of a saved result directory, from its files alone ({@code result.json}
 * and the histogram logs): {@value #REPORT_HTML} for one run (of {@code compare} or of
 * {@code capacity}: the result's format says which), {@value #COMPARISON_HTML} for a compare run
 * against a baseline. Each page is a single self-contained file: charts are embedded PNGs, the
 * style is inline, nothing is fetched, so it opens offline from disk.
 *
 * <p>The pipeline, as in Gatling's report: {@link RunStats} reads the files, the chart classes
 * draw from them, sections lay them out, and {@link PageLayout} frames the page.
 *
 * <p>Charts are drawn off screen: unless the user set {@code java.awt.headless}, this class sets
 * it to {@code true} when loaded, so that no desktop session is started for them.
 *
 * <p>Thread-safe: each call works on its own files and objects; two calls for the same
 * directory at once would race on its output files.
 */
public final class ReportRenderer {

    /** The page of one run, written into its result directory. */
    public static final String REPORT_HTML = "report.html";
    /** The run-to-run comparison, written into the current run's directory beside its own report. */
    public static final String COMPARISON_HTML = "comparison.html";

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /**
     * A page written.
     *
     * @param page     the HTML file
     * @param problems damaged input the page was rendered from anyway (e.g. a histogram log cut
     *                 off by a killed run), one line each; empty when the input was whole
     */
    public record Rendered(Path page, List<String> problems) {
        public Rendered {
            problems = List.copyOf(problems);
        }
    }

    private ReportRenderer() {
    }

    /**
     * Writes {@value #REPORT_HTML} and the {@code .hgrm} files into a result directory. A capacity
     * run's page has the capacity chart; a step log that is missing or cut off is rendered around
     * and listed in {@link Rendered#problems()}.
     *
     * @param dir a result directory: {@code result.json} and the histogram logs it names
     * @throws ReportInputException if the directory or its {@code result.json} is missing, the JSON
     *                              is malformed, or (of a compare run) a histogram log is missing
     * @throws IOException          if the page or a {@code .hgrm} file cannot be written
     */
    public static Rendered render(Path dir) throws ReportInputException, IOException {
        if (StaircaseReport.holds(dir)) {
            return new Rendered(StaircaseReport.render(dir), List.of());
        }
        if (ResultJson.isCapacity(dir)) {
            CapacityStats stats = CapacityStats.load(dir);
            String html = CapacityPage.render(stats, HgrmFiles.write(dir, stats.steps()));
            return new Rendered(write(dir.resolve(REPORT_HTML), html), stats.problems());
        }
        return renderReport(RunStats.load(dir));
    }

    /**
     * Writes {@value #COMPARISON_HTML} into {@code current}: each figure of each transport present
     * in both runs against the baseline, and both runs' latency distributions on one chart. The
     * current run's own {@value #REPORT_HTML} is written too, since the comparison links to it.
     *
     * @param current  the run to judge
     * @param baseline the run to compare it with
     * @throws ReportInputException if either directory cannot be read (see {@link #render}), or
     *                              either holds a capacity result
     * @throws IOException          if a page cannot be written
     */
    public static Rendered compare(Path current, Path baseline) throws ReportInputException, IOException {
        for (Path dir : List.of(current, baseline)) {
            if (ResultJson.isCapacity(dir)) {
                throw new ReportInputException(dir + ": a capacity result: a comparison with a baseline is for "
                        + "compare results; read the verdicts of the two capacity reports side by side");
            }
        }
        RunStats base = RunStats.load(baseline);
        RunStats now = RunStats.load(current);
        renderReport(now);
        Path page = write(current.resolve(COMPARISON_HTML), ComparisonPage.render(base, now));
        List<String> problems = new ArrayList<>(problems(base));
        problems.addAll(problems(now));
        return new Rendered(page, problems);
    }

    private static Rendered renderReport(RunStats stats) throws IOException {
        String html = ReportPage.render(stats, HgrmFiles.write(stats.dir(), stats.transports()));
        return new Rendered(write(stats.dir().resolve(REPORT_HTML), html), problems(stats));
    }

    private static List<String> problems(RunStats stats) {
        List<String> problems = new ArrayList<>();
        if (stats.unfinished()) {
            problems.add(stats.dir().resolve(ResultFiles.RESULT_JSON) + ": the run did not finish (killed?); "
                    + "rendered the " + stats.transports().size() + " transport(s) it completed");
        }
        stats.truncatedLogs().stream()
                .map(log -> stats.dir().resolve(log) + ": histogram log truncated; rendered the intervals it holds")
                .forEach(problems::add);
        return problems;
    }

    /** Writes through a temporary file and a move, so that a reader never opens half a page. */
    /** Writes {@code html} to {@code file} whole or not at all: a reader never sees half a page. */
    static Path write(Path file, String html) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, html, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }
}
