package io.pushbench.report;

import io.pushbench.core.gate.Check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Judges a run against a baseline by {@link MaxRegression}: one {@link Check} per transport of the
 * baseline and allowance. A figure fails when its whole-run value got worse by more than its
 * allowance and the run's one-second intervals confirm the change; it is inconclusive when the data
 * cannot tell a change from noise:
 *
 * <ul>
 *   <li>beyond the allowance, but the intervals did not move: the median interval is not worse than
 *       the allowance, or lies within the baseline's middle half of intervals, or a rank test does not
 *       find the current intervals worse (one-sided Mann-Whitney at 1%). A tail figure such as p99
 *       jumps with one bad second on a busy machine; a real change moves most seconds.</li>
 *   <li>within the allowance, but the baseline's intervals spread wider than it (half their
 *       interquartile range, against their median): a regression of the allowed size could hide in
 *       that spread, so the check could not have seen it; unless the rank test finds the run's
 *       intervals better than the baseline's, which no regression is.</li>
 * </ul>
 * Latency percentiles and the delivery rate have intervals (the histogram log's); CPU and wire bytes
 * per message have only the whole-run value, and so do runs with fewer than
 * {@value IntervalSample#MIN_INTERVALS} full intervals: those are judged on the whole-run value
 * alone, and the check says so. A regression found while pushbench was saturated in either run (its
 * self-health check) is inconclusive too. A transport of the baseline missing from the run fails.
 */
final class RegressionCheck {

    private RegressionCheck() {
    }

    /** The checks of every allowance on every transport of {@code baseline}, in its order. */
    static List<Check> check(MaxRegression allowances, RunStats baseline, RunStats current) {
        List<Check> checks = new ArrayList<>();
        for (TransportStats before : baseline.transports()) {
            TransportStats now = current.find(before.label());
            for (MaxRegression.Allowance allowance : allowances.allowances()) {
                checks.add(now == null
                        ? new Check(before.label(), allowance.text(), Check.Status.FAILED,
                                "not in the current run (it ran " + String.join(", ",
                                        current.transports().stream().map(TransportStats::label).toList()) + ")")
                        : check(allowance, before, now));
            }
        }
        return checks;
    }

    /**
     * One allowance on one transport. A regression found while pushbench was saturated in either run is
     * inconclusive: a saturated run's figures may describe the generator rather than the server (on a shared
     * machine, other work), so it cannot show that the server got worse.
     */
    static Check check(MaxRegression.Allowance allowance, TransportStats before, TransportStats now) {
        Check check = judge(allowance, before, now);
        String saturated = saturated("the baseline", before) + saturated("the run", now);
        if (!check.failed() || saturated.isEmpty() || check.detail().endsWith("not measured in the current run")) {
            return check;
        }
        return new Check(check.subject(), check.name(), Check.Status.INCONCLUSIVE, check.detail()
                + "; but pushbench was saturated in " + saturated.substring(" and ".length())
                + ", so the figures may describe the generator, not the server: run it on a quieter machine");
    }

    /** {@code " and WHO (reasons)"} when the generator was saturated in {@code t}'s run, else empty. */
    private static String saturated(String who, TransportStats t) {
        var health = t.result().selfHealth();
        return health == null || !health.saturated() ? "" : " and " + who + " (" + String.join("; ", health.reasons()) + ")";
    }

    private static Check judge(MaxRegression.Allowance allowance, TransportStats before, TransportStats now) {
        MaxRegression.Measure measure = allowance.measure();
        Figure figure = measure.figure();
        Change change = new Change(figure, figure.of(before.result()), figure.of(now.result()));
        String label = now.label();
        String name = allowance.text();
        if (change.current().isEmpty()) {
            return new Check(label, name, Check.Status.FAILED, measure.id() + " not measured in the current run");
        }
        if (change.baseline().isEmpty()) {
            return new Check(label, name, Check.Status.INCONCLUSIVE, measure.id() + " not measured in the baseline");
        }
        double worse = worsening(figure, change.baseline().getAsDouble(), change.current().getAsDouble());
        String moved = measure.id() + " " + value(figure, change.baseline()) + " \u2192 " + value(figure,
                change.current()) + " (" + change.percent() + ")";
        String allowed = "+" + format(allowance.percent()) + "%";
        if (Double.isNaN(worse)) {
            return new Check(label, name, Check.Status.FAILED, moved + ": worse than a baseline of 0");
        }
        boolean beyond = worse * 100 > allowance.percent();
        if (!measure.inIntervals()) {
            return verdictWithoutIntervals(label, name, moved, beyond, allowance, "the figure has no intervals");
        }
        IntervalSample base = IntervalSample.of(before.measuredIntervals(), measure);
        IntervalSample cur = IntervalSample.of(now.measuredIntervals(), measure);
        if (!base.enough() || !cur.enough()) {
            return verdictWithoutIntervals(label, name, moved, beyond, allowance, "too few full one-second intervals ("
                    + base.size() + " in the baseline, " + cur.size() + " in the run, at least "
                    + IntervalSample.MIN_INTERVALS + " each) to tell noise from change");
        }
        String spread = "the middle half of the baseline's seconds spread \u00B1" + format(base.relativeSpread() * 100) + "%";
        boolean lowerIsWorse = figure.better() == Figure.Better.HIGHER;
        if (beyond) {
            double medianShift = worsening(figure, base.median(), cur.median());
            boolean outsideBand = lowerIsWorse ? cur.median() < base.quantile(0.25) : cur.median() > base.quantile(0.75);
            boolean ranked = lowerIsWorse ? cur.lowerThan(base) : base.lowerThan(cur);
            String intervals = "median second " + signed(medianShift * 100) + "%, " + spread;
            if (medianShift * 100 > allowance.percent() && outsideBand && ranked) {
                return new Check(label, name, Check.Status.FAILED, moved + ", beyond " + allowed
                        + "; the seconds moved too: " + intervals);
            }
            return new Check(label, name, Check.Status.INCONCLUSIVE, moved + ", beyond " + allowed
                    + ", but the seconds did not move beyond their spread (" + intervals
                    + "): a few bad seconds, not a change of the whole run");
        }
        boolean improved = lowerIsWorse ? base.lowerThan(cur) : cur.lowerThan(base);
        if (base.relativeSpread() * 100 > allowance.percent() && !improved) {
            return new Check(label, name, Check.Status.INCONCLUSIVE, moved + ", within " + allowed + ", but " + spread
                    + ": a regression of " + allowed + " could hide in that");
        }
        return new Check(label, name, Check.Status.PASSED, moved + ", within " + allowed + " (" + spread
                + (improved ? "; the seconds got better beyond their spread" : "") + ")");
    }

    private static Check verdictWithoutIntervals(String label, String name, String moved, boolean beyond,
                                                 MaxRegression.Allowance allowance, String why) {
        String allowed = "+" + format(allowance.percent()) + "%";
        return new Check(label, name, beyond ? Check.Status.FAILED : Check.Status.PASSED,
                moved + (beyond ? ", beyond " : ", within ") + allowed + " (whole run only: " + why + ")");
    }

    /**
     * How much worse {@code after} is than {@code before}, as a share of {@code before} (negative when better);
     * NaN when the baseline is 0 and the value got worse, which no percentage can say.
     */
    private static double worsening(Figure figure, double before, double after) {
        double worse = figure.better() == Figure.Better.LOWER ? after - before : before - after;
        if (before == 0) {
            return worse > 0 ? Double.NaN : 0;
        }
        return worse / Math.abs(before);
    }

    private static String value(Figure figure, OptionalDouble value) {
        return figure.format(value.getAsDouble()) + (figure.unit().isEmpty() ? "" : " " + figure.unit());
    }

    private static String signed(double percent) {
        return (percent >= 0 ? "+" : "") + format(percent);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, Math.abs(value) >= 10 || value == Math.rint(value) ? "%.0f" : "%.1f", value);
    }
}
