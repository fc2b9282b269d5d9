package io.pushbench.report;

import io.pushbench.core.gate.Check;
import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.ResultFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
    /** A run's summary in Markdown, for a CI job's summary page: written beside every page of a run. */
    public static final String SUMMARY_MD = "summary.md";
    /** The checks of a run's thresholds ({@code --assert}) as JUnit XML, written when it has any. */
    public static final String THRESHOLDS_JUNIT = "junit-thresholds.xml";
    /** A regression check ({@code report --max-regression}) in Markdown, written into the current run's directory. */
    public static final String REGRESSION_MD = "regression.md";
    /** A regression check as JUnit XML, written into the current run's directory. */
    public static final String REGRESSION_JUNIT = "junit-regression.xml";

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
     * @param checks   the checks of a regression check ({@link #compare(Path, Path, MaxRegression)}); empty
     *                 otherwise
     */
    public record Rendered(Path page, List<String> problems, List<Check> checks) {
        public Rendered {
            problems = List.copyOf(problems);
            checks = List.copyOf(checks);
        }

        /** A page without checks. */
        public Rendered(Path page, List<String> problems) {
            this(page, problems, List.of());
        }
    }

    private ReportRenderer() {
    }

    /**
     * Writes {@value #REPORT_HTML} and the {@code .hgrm} files into a result directory. A capacity
     * run's page has the capacity chart; a step log that is missing or cut off is rendered around
     * and listed in {@link Rendered#problems()}. Beside the page, {@value #SUMMARY_MD}, and when
     * {@code result.json} holds the checks of thresholds, {@value #THRESHOLDS_JUNIT}; the page shows
     * those checks too.
     *
     * @param dir a result directory: {@code result.json} and the histogram logs it names
     * @throws ReportInputException if the directory or its {@code result.json} is missing, the JSON
     *                              is malformed, or (of a compare run) a histogram log is missing
     * @throws IOException          if the page or a {@code .hgrm} file cannot be written
     */
    public static Rendered render(Path dir) throws ReportInputException, IOException {
        if (StaircaseReport.holds(dir)) {
            List<CapacityResult> results = StaircaseReport.read(dir);
            List<Check> thresholds = new ArrayList<>();
            for (CapacityResult r : results) {
                thresholds.addAll(ResultJson.thresholds(dir.resolve(ResultFiles.transportDirName(
                        r.scenario().transport(), r.scenario().client()))));
            }
            Path page = StaircaseReport.render(dir, results, thresholds);
            String title = String.valueOf(dir.toAbsolutePath().normalize().getFileName());
            writeGateFiles(dir, MarkdownSummary.ofStaircases(title, results, thresholds), thresholds,
                    results.get(0).startedAt(), results.get(results.size() - 1).finishedAt());
            return new Rendered(page, List.of());
        }
        if (ResultJson.isCapacity(dir)) {
            CapacityStats stats = CapacityStats.load(dir);
            List<Check> thresholds = ResultJson.thresholds(dir);
            String html = CapacityPage.render(stats, HgrmFiles.write(dir, stats.steps()), thresholds);
            Path page = write(dir.resolve(REPORT_HTML), html);
            writeGateFiles(dir, MarkdownSummary.of(stats, thresholds), thresholds, stats.run().startedAt(),
                    stats.run().finishedAt());
            return new Rendered(page, stats.problems());
        }
        return renderReport(RunStats.load(dir));
    }

    /**
     * Writes {@value #COMPARISON_HTML} as {@link #compare(Path, Path)} does, and judges {@code current}
     * against the baseline by {@code allowances}: the checks are on the page, in {@value #REGRESSION_MD}
     * and {@value #REGRESSION_JUNIT} in {@code current}, and in {@link Rendered#checks()}.
     *
     * @throws ReportInputException as {@link #compare(Path, Path)} does
     * @throws IOException          if a file cannot be written
     */
    public static Rendered compare(Path current, Path baseline, MaxRegression allowances)
            throws ReportInputException, IOException {
        return compare(current, baseline, Objects.requireNonNull(allowances, "allowances"), true);
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
        return compare(current, baseline, null, false);
    }

    private static Rendered compare(Path current, Path baseline, MaxRegression allowances, boolean judge)
            throws ReportInputException, IOException {
        for (Path dir : List.of(current, baseline)) {
            if (ResultJson.isCapacity(dir)) {
                throw new ReportInputException(dir + ": a capacity result: a comparison with a baseline is for "
                        + "compare results; read the verdicts of the two capacity reports side by side");
            }
        }
        RunStats base = RunStats.load(baseline);
        RunStats now = RunStats.load(current);
        renderReport(now);
        List<Check> checks = judge ? RegressionCheck.check(allowances, base, now) : List.of();
        Path page = write(current.resolve(COMPARISON_HTML), ComparisonPage.render(base, now, allowances, checks));
        if (judge) {
            write(current.resolve(REGRESSION_MD), MarkdownSummary.ofRegression(base, now, allowances, checks));
            write(current.resolve(REGRESSION_JUNIT), JunitXml.render("regression", checks, now.run().startedAt(),
                    seconds(now.run().startedAt(), now.run().finishedAt())));
        }
        List<String> problems = new ArrayList<>(problems(base));
        problems.addAll(problems(now));
        return new Rendered(page, problems, checks);
    }

    private static Rendered renderReport(RunStats stats) throws IOException, ReportInputException {
        List<Check> thresholds = ResultJson.thresholds(stats.dir());
        String html = ReportPage.render(stats, HgrmFiles.write(stats.dir(), stats.transports()), thresholds);
        Path page = write(stats.dir().resolve(REPORT_HTML), html);
        writeGateFiles(stats.dir(), MarkdownSummary.of(stats, thresholds), thresholds, stats.run().startedAt(),
                stats.run().finishedAt());
        return new Rendered(page, problems(stats));
    }

    /** Writes {@value #SUMMARY_MD}, and {@value #THRESHOLDS_JUNIT} when there are thresholds. */
    private static void writeGateFiles(Path dir, String markdown, List<Check> thresholds, String startedAt,
                                       String finishedAt) throws IOException {
        write(dir.resolve(SUMMARY_MD), markdown);
        if (!thresholds.isEmpty()) {
            write(dir.resolve(THRESHOLDS_JUNIT), JunitXml.render("thresholds", thresholds, startedAt,
                    seconds(startedAt, finishedAt)));
        }
    }

    /** Seconds from one ISO 8601 instant to another; 0 when either is missing or unreadable. */
    private static double seconds(String from, String to) {
        try {
            return from == null || to == null ? 0 : Duration.between(Instant.parse(from), Instant.parse(to)).toMillis() / 1000.0;
        } catch (DateTimeParseException e) {
            return 0;
        }
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

    /** Writes {@code text} to {@code file} whole or not at all (a temporary file, then a move): a reader never sees half a page. */
    static Path write(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }
}
