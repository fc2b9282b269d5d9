package io.pushbench.report;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * One figure of one transport in two runs, and which way it moved.
 *
 * @param figure   the figure
 * @param baseline its value in the baseline run, or empty
 * @param current  its value in the current run, or empty
 */
record Change(Figure figure, OptionalDouble baseline, OptionalDouble current) {

    /** Which way a figure moved, judged by its {@link Figure.Better direction}. */
    enum Verdict {
        BETTER("better"), WORSE("worse"), SAME("same"), UNKNOWN("");

        private final String word;

        Verdict(String word) {
            this.word = word;
        }

        /** {@code better}, {@code worse}, {@code same}; empty when a run lacks the figure. */
        String word() {
            return word;
        }
    }

    /** Which way the value moved, to read at a glance: up, down or level; empty when a run lacks the figure. */
    String arrow() {
        return switch (verdict()) {
            case UNKNOWN -> "";
            case SAME -> "=";
            default -> current.getAsDouble() > baseline.getAsDouble() ? "\u25B2" : "\u25BC";
        };
    }

    /** Better, worse or the same, comparing the values as shown; unknown when either is missing. */
    Verdict verdict() {
        if (baseline.isEmpty() || current.isEmpty()) {
            return Verdict.UNKNOWN;
        }
        double before = figure.shown(baseline.getAsDouble());
        double after = figure.shown(current.getAsDouble());
        if (before == after) {
            return Verdict.SAME;
        }
        return figure.better().prefers(after, before) ? Verdict.BETTER : Verdict.WORSE;
    }

    /** The change in percent of the baseline, e.g. {@code +12.5%}; {@code –} when it has no percentage (from 0, or missing). */
    String percent() {
        if (verdict() == Verdict.UNKNOWN) {
            return "\u2013";
        }
        double before = baseline.getAsDouble();
        double after = current.getAsDouble();
        if (verdict() == Verdict.SAME) {
            return "0%";
        }
        if (before == 0) {
            return "\u2013";
        }
        double percent = (after - before) / Math.abs(before) * 100;
        // A change too small for one decimal still shows as one, not as "+0.0%".
        return String.format(Locale.ROOT, Math.abs(percent) < 0.05 ? "%+.2f%%" : "%+.1f%%", percent);
    }
}
