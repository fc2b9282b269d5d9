package io.pushbench.report;

import io.pushbench.core.gate.Check;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * A run against a baseline: the conditions of both (differences marked), every figure of every
 * transport present in both with its change, and both latency distributions on one chart.
 * Transports are matched by label (transport and client stack).
 */
final class ComparisonPage {

    private ComparisonPage() {
    }

    /**
     * @param allowances the allowances of a regression check, or {@code null} for none
     * @param checks     the checks of that regression check, empty for none
     * @return the whole HTML document
     */
    static String render(RunStats baseline, RunStats current, MaxRegression allowances, List<Check> checks) {
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < current.transports().size(); i++) {
            TransportStats now = current.transports().get(i);
            TransportStats before = baseline.find(now.label());
            if (before != null) {
                pairs.add(new Pair(before, now, i));
            }
        }
        List<Section> sections = new ArrayList<>();
        if (!checks.isEmpty()) {
            sections.add(new ChecksSection("regression", "Regression check", checks, "Allowances " + allowances.text()
                    + ": how much worse each figure may get against the baseline, as a share of its value there. A "
                    + "change beyond its allowance fails only when the run's one-second intervals moved too (their "
                    + "median beyond the allowance and beyond the baseline's middle half of intervals, and a rank test "
                    + "at 1%); otherwise it is inconclusive, as is a change within the allowance when the baseline's "
                    + "intervals spread wider than the allowance (half their interquartile range against their median) "
                    + "and the run's intervals are not better by the rank test. CPU and wire bytes have no intervals: they are "
                    + "judged on the whole run."));
        }
        sections.add(new ComparisonConditionsSection(baseline, current));
        if (!pairs.isEmpty()) {
            sections.add(new ChangesSection(pairs));
        }
        if (pairs.stream().anyMatch(p -> p.baseline().log() != null || p.current().log() != null)) {
            sections.add(new ComparisonChartSection(pairs));
        }
        sections.add(new ComparisonFilesSection(baseline, current));
        return PageLayout.render("pushbench: " + ReportPage.scenarioName(current) + " against its baseline",
                "baseline " + baseline.dir() + ", current " + current.dir(), banners(baseline, current, pairs, checks),
                sections);
    }

    /**
     * One transport in both runs.
     *
     * @param baseline the transport in the baseline run
     * @param current  the same transport in the current run
     * @param index    its position in the current run, which picks its color as on the run's own page
     */
    record Pair(TransportStats baseline, TransportStats current, int index) {
        String label() {
            return current.label();
        }

        Color color() {
            return Palette.color(index);
        }
    }

    private static List<String> banners(RunStats baseline, RunStats current, List<Pair> pairs, List<Check> checks) {
        List<String> banners = new ArrayList<>();
        String regressed = ChecksSection.banner("Regression check", checks);
        if (regressed != null) {
            banners.add(regressed);
        }
        Banners.of(baseline).forEach(b -> banners.add("Baseline: " + b));
        Banners.of(current).forEach(b -> banners.add("Current run: " + b));
        List<String> differing = ComparisonConditionsSection.differingScenarioOptions(baseline, current);
        if (!differing.isEmpty()) {
            banners.add("The runs differ in " + String.join(", ", differing)
                    + ": a change may come from that, not from the code or the system under test.");
        }
        List<String> onlyBaseline = onlyIn(baseline, current);
        List<String> onlyCurrent = onlyIn(current, baseline);
        if (pairs.isEmpty()) {
            banners.add("No transport ran in both runs: there is nothing to compare.");
        }
        if (!onlyBaseline.isEmpty()) {
            banners.add("Only in the baseline, not compared: " + String.join(", ", onlyBaseline) + ".");
        }
        if (!onlyCurrent.isEmpty()) {
            banners.add("Only in the current run, not compared: " + String.join(", ", onlyCurrent) + ".");
        }
        return banners;
    }

    private static List<String> onlyIn(RunStats run, RunStats other) {
        return run.transports().stream().map(TransportStats::label)
                .filter(label -> other.find(label) == null).toList();
    }
}
