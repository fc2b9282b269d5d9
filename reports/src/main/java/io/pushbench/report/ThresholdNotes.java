package io.pushbench.report;

import io.pushbench.core.gate.Check;

import java.util.List;

/** How the checks of a run's thresholds ({@code --assert}) appear on its page: a section, and a banner when any failed. */
final class ThresholdNotes {

    private ThresholdNotes() {
    }

    /** The section listing every check. */
    static Section section(List<Check> thresholds) {
        return new ChecksSection("thresholds", "Thresholds", thresholds, "The thresholds given with --assert, "
                + "checked when the run ended: each transport's figures over its measured phase; for a staircase, "
                + "the step that held at the capacity found (or the first step, when none held).");
    }

    /** Adds the banner naming the failed checks to {@code banners}, when any failed. */
    static void banner(List<String> banners, List<Check> thresholds) {
        String banner = ChecksSection.banner("Thresholds", thresholds);
        if (banner != null) {
            banners.add(0, banner);
        }
    }
}
