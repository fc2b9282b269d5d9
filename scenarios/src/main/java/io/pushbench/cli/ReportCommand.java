package io.pushbench.cli;

import io.pushbench.report.ReportInputException;
import io.pushbench.report.ReportRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
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
 * <p>A histogram log cut off by a killed run is rendered as far as it goes; the page is written
 * and its path printed, then the damage is reported as an error (exit {@value PushBench#EXIT_FAILURE}),
 * so that a script notices the input was not whole.
 */
@Command(name = "report", sortOptions = false, mixinStandardHelpOptions = true,
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

    @Override
    public Integer call() {
        ReportRenderer.Rendered page = render(dir, baseline);
        command.commandLine().getOut().println(page.page().toAbsolutePath());
        failOnDamage(page.problems());
        return 0;
    }

    /**
     * Renders a result directory's report (and comparison, with a baseline).
     *
     * @param baseline the directory to compare with, or {@code null}
     * @throws UserError naming the file and what is wrong when the input cannot be read or the page written
     */
    static ReportRenderer.Rendered render(Path dir, Path baseline) {
        try {
            return baseline == null ? ReportRenderer.render(dir) : ReportRenderer.compare(dir, baseline);
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
