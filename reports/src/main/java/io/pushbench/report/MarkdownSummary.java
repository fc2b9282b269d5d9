package io.pushbench.report;

import io.pushbench.core.spec.Ramp;
import io.pushbench.core.gate.Check;
import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.TransportResult;

import java.util.List;
import java.util.OptionalDouble;

/**
 * A run's outcome as Markdown, for a CI job's summary page (GitHub's {@code $GITHUB_STEP_SUMMARY},
 * a GitLab or Jenkins description): a heading, the conditions in one line, the figures of each
 * transport (or step) in a table, the warnings of the page, and the checks of a gate when there
 * are any. The HTML report holds the rest; these files point to it.
 */
final class MarkdownSummary {

    /** The figures in a summary's table: those a reader of a CI page looks at first. */
    private static final List<Figure> COLUMNS = List.of(Figure.P50, Figure.P99, Figure.P999, Figure.MAX,
            Figure.DELIVERED, Figure.LOST, Figure.ERRORS);

    private MarkdownSummary() {
    }

    /** A compare run, with the checks of its thresholds (empty for none). */
    static String of(RunStats stats, List<Check> thresholds) {
        StringBuilder md = new StringBuilder();
        md.append("## pushbench compare: ").append(cell(ReportPage.scenarioName(stats))).append("\n\n");
        md.append(conditions(Conditions.of(stats.run(), Conditions.SCENARIO))).append("\n\n");
        header(md, "transport");
        if (stats.floor() != null && !stats.transports().isEmpty()) {
            md.append("| ").append(FloorStats.LABEL).append(" | ");
            var floor = stats.floor().summary(stats.transports().get(0).correctedMetric());
            for (Figure f : COLUMNS) {
                double micros = switch (f) {
                    case P50 -> floor.p50();
                    case P99 -> floor.p99();
                    case P999 -> floor.p999();
                    case MAX -> floor.max();
                    default -> Double.NaN;
                };
                md.append(Double.isNaN(micros) ? "\u2013" : f.format(micros / 1000)).append(" | ");
            }
            md.setLength(md.length() - 1);
            md.append('\n');
        }
        stats.transports().forEach(t -> row(md, t.label(), t.result()));
        md.append('\n').append(TransportStats.latencyName(stats.transports()))
                .append(" in ms from the planned send time (corrected for coordinated omission).\n");
        warnings(md, Banners.of(stats));
        checks(md, "Thresholds", thresholds);
        return md.toString();
    }

    /** A capacity run, with the checks of its thresholds (empty for none). */
    static String of(CapacityStats stats, List<Check> thresholds) {
        CapacityResult run = stats.run();
        StringBuilder md = new StringBuilder();
        md.append("## pushbench capacity: ").append(cell(run.scenario() == null || run.scenario().url() == null
                ? String.valueOf(stats.dir().toAbsolutePath().getFileName()) : run.scenario().url().toString()))
                .append("\n\n");
        md.append("**").append(cell(run.verdict().summary())).append("**\n\n");
        md.append(conditions(Conditions.group(Conditions.of(run), Conditions.SCENARIO))).append("\n\n");
        steps(md, run);
        warnings(md, Banners.of(stats));
        checks(md, "Thresholds", thresholds);
        return md.toString();
    }

    /** A rate staircase per transport ({@code compare --rate FROM..TO}), with the checks of its thresholds. */
    static String ofStaircases(String title, List<CapacityResult> results, List<Check> thresholds) {
        StringBuilder md = new StringBuilder();
        md.append("## pushbench compare: ").append(cell(title)).append("\n\n");
        for (CapacityResult r : results) {
            md.append("- **").append(cell(r.scenario().label())).append("**: ").append(cell(r.verdict().summary()))
                    .append('\n');
        }
        md.append('\n');
        checks(md, "Thresholds", thresholds);
        return md.toString();
    }

    /** A regression check of {@code current} against {@code baseline}. */
    static String ofRegression(RunStats baseline, RunStats current, MaxRegression allowances, List<Check> checks) {
        StringBuilder md = new StringBuilder();
        md.append("## pushbench regression check: ").append(cell(ReportPage.scenarioName(current))).append("\n\n");
        md.append("Run `").append(cell(current.dir().toString())).append("` against the baseline `")
                .append(cell(baseline.dir().toString())).append("`, allowances `").append(allowances.text())
                .append("`.\n");
        List<String> differing = ComparisonConditionsSection.differingScenarioOptions(baseline, current);
        if (!differing.isEmpty()) {
            md.append("\n- \u26A0\uFE0F **Warning:** the runs differ in ").append(cell(String.join(", ", differing)))
                    .append(": a change may come from that.\n");
        }
        checks(md, "Regression check", checks);
        return md.toString();
    }

    private static void steps(StringBuilder md, CapacityResult run) {
        if (run.steps().isEmpty()) {
            return;
        }
        header(md, "step");
        for (CapacityResult.Step step : run.steps()) {
            String load = step.connections() + " connections" + (step.rate() > 0 ? " at " + Ramp.format(step.rate())
                    + " msg/s" : "");
            row(md, step.index() + " (" + load + (step.passed() ? ")" : ", broke)"), step.result());
        }
        md.append('\n');
    }

    private static void header(StringBuilder md, String first) {
        md.append("| ").append(first).append(" |");
        COLUMNS.forEach(f -> md.append(' ').append(f.title()).append(f.unit().isEmpty() ? "" : " (" + f.unit() + ")")
                .append(" |"));
        md.append("\n|---|");
        COLUMNS.forEach(f -> md.append("---:|"));
        md.append('\n');
    }

    private static void row(StringBuilder md, String label, TransportResult result) {
        md.append("| ").append(cell(label)).append(" |");
        for (Figure f : COLUMNS) {
            OptionalDouble value = f.of(result);
            md.append(' ').append(value.isPresent() ? f.format(value.getAsDouble()) : "\u2013").append(" |");
        }
        md.append('\n');
    }

    private static String conditions(List<Conditions.Row> rows) {
        return String.join(" \u00B7 ", rows.stream().map(r -> r.label() + ": " + cell(r.value())).toList());
    }

    private static void warnings(StringBuilder md, List<String> banners) {
        if (!banners.isEmpty()) {
            md.append('\n');
            banners.forEach(b -> md.append("- \u26A0\uFE0F **Warning:** ").append(cell(b)).append('\n'));
        }
    }

    private static void checks(StringBuilder md, String title, List<Check> checks) {
        if (checks.isEmpty()) {
            return;
        }
        md.append("\n### ").append(title).append(": ").append(Check.tally(checks)).append("\n\n");
        md.append("| status | transport | check | measured |\n|---|---|---|---|\n");
        for (Check c : checks) {
            String status = switch (c.status()) {
                case PASSED -> "\u2705 passed";
                case FAILED -> "\u274C **failed**";
                case INCONCLUSIVE -> "\u2754 inconclusive";
            };
            md.append("| ").append(status).append(" | ").append(cell(c.subject())).append(" | `")
                    .append(c.name().replace("`", "'")).append("` | ").append(cell(c.detail())).append(" |\n");
        }
    }

    /** Text that stays in its table cell: pipes escaped, lines joined. */
    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
