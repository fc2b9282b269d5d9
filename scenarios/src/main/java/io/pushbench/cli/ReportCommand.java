package io.pushbench.cli;

import io.pushbench.report.MaxRegression;
import io.pushbench.report.ReportInputException;
import io.pushbench.report.ReportRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code pushbench report DIR [--baseline DIR2]}: renders the HTML report of a saved result
 * directory (of {@code compare} or {@code capacity}) from its files alone, and prints the page's
 * path. With {@code --baseline}, also writes {@code comparison.html} (the run against the baseline)
 * beside the run's own {@code report.html} and prints that page's path instead; capacity results
 * have no such comparison, and are refused in one line.
 *
 * <p>With {@code --max-regression}, the run is also judged against the baseline: one line per
 * transport and allowance, the checks on the comparison page and in {@code regression.md} and
 * {@code junit-regression.xml}, and exit {@value PushBench#EXIT_THRESHOLD} when a figure regressed
 * beyond its allowance. A change the data cannot tell from noise is inconclusive, which does not fail.
 *
 * <p>A histogram log cut off by a killed run is rendered as far as it goes; the page is written
 * and its path printed, then the damage is reported as an error (exit {@value PushBench#EXIT_FAILURE}),
 * so that a script notices the input was not whole.
 */
@Command(name = "report", sortOptions = false, mixinStandardHelpOptions = true,
        exitCodeListHeading = PushBench.EXIT_CODES_HEADING,
        exitCodeList = {"0:done (and, with --max-regression, no figure regressed beyond its allowance)",
            "1:the input could not be read or was damaged, or an internal error", PushBench.EXIT_CODE_USAGE,
            "99:with --max-regression: a figure regressed beyond its allowance"},
        description = {"Render the HTML report of a result directory (written by compare or capacity) and print its path.",
            "The page is one self-contained file: it opens offline, and can be archived or mailed."})
final class ReportCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec command;

    @Parameters(index = "0", paramLabel = "DIR", description = "A result directory: result.json and its histogram "
            + "logs, or (compare with a rate staircase) one such directory per transport.")
    private Path dir;

    @Option(names = "--baseline", paramLabel = "DIR",
            description = "A compare run to compare with: also writes comparison.html into the run's DIR, with "
                    + "each figure's change against this baseline, and prints that page's path.")
    private Path baseline;

    @Option(names = "--max-regression", paramLabel = "ALLOWANCES", converter = MaxRegressionConverter.class,
            description = "With --baseline: how much worse each figure may get, e.g. \"p99:+20%%,cpu-per-msg:+10%%\" "
                    + "(figures: p50, p90, p99, p99.9, max, delivered (a drop: delivered:-5%%), wire, cpu-per-msg, "
                    + "pushbench-cpu-per-msg). Exits 99 when one regressed beyond its allowance and the run's "
                    + "one-second intervals confirm it; a change the data cannot tell from noise (a few bad seconds, "
                    + "or a baseline that varies more than the allowance) is reported as inconclusive. Writes "
                    + "regression.md and junit-regression.xml into DIR.")
    private MaxRegression maxRegression;

    @Override
    public Integer call() {
        if (maxRegression != null && baseline == null) {
            throw UserError.usage("--max-regression " + maxRegression + " judges a run against a baseline: give "
                    + "--baseline DIR too");
        }
        PrintWriter out = command.commandLine().getOut();
        ReportRenderer.Rendered page = render(dir, baseline, maxRegression);
        out.println(page.page().toAbsolutePath());
        if (maxRegression != null) {
            GateChecks.print(out, "regression check against " + baseline, page.checks());
        }
        failOnDamage(page.problems());
        return GateChecks.exitCode(page.checks(), 0);
    }



    /**
     * Renders a result directory's report (and comparison, with a baseline).
     *
     * @param baseline the directory to compare with, or {@code null}
     * @throws UserError naming the file and what is wrong when the input cannot be read or the page written
     */
    static ReportRenderer.Rendered render(Path dir, Path baseline) {
        return render(dir, baseline, null);
    }

    /**
     * Renders as {@link #render(Path, Path)} does and, with allowances, judges the run against the baseline.
     *
     * @param allowances the allowances of a regression check, or {@code null}; only with a baseline
     * @throws UserError naming the file and what is wrong when the input cannot be read or the page written
     */
    static ReportRenderer.Rendered render(Path dir, Path baseline, MaxRegression allowances) {
        try {
            return baseline == null ? ReportRenderer.render(dir) : allowances == null
                    ? ReportRenderer.compare(dir, baseline) : ReportRenderer.compare(dir, baseline, allowances);
        } catch (ReportInputException e) {
            throw UserError.failure(e.getMessage());
        } catch (IOException e) {
            throw UserError.failure(dir + ": cannot write the report (" + e.getMessage() + ")");
        }
    }

    /** Reports damaged input that was rendered anyway: the first problem, and how many more. */
    static void failOnDamage(List<String> problems) {
        if (!problems.isEmpty()) {
            throw UserError.failure(problems.get(0)
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        }
    }
}
