package io.pushbench.report;

import io.pushbench.core.spec.CapacityMode;
import io.pushbench.core.spec.CapacitySpec;
import io.pushbench.core.gate.Check;
import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.spec.CapacityMode;
import io.pushbench.core.spec.CapacitySpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The page of a capacity run: the verdict and the capacity chart first, then the steps, the
 * latency over time, the conditions and the files. Same frame and look as the page of a compare run.
 */
final class CapacityPage {

    private CapacityPage() {
    }

    /**
     * @param stats     the run
     * @param hgrmFiles the {@code .hgrm} files written beside the page, per step
     * @param thresholds the checks of the run's thresholds, empty for none
     * @return the whole HTML document
     */
    static String render(CapacityStats stats, Map<TransportStats, List<String>> hgrmFiles, List<Check> thresholds) {
        CapacityResult run = stats.run();
        List<Section> sections = new ArrayList<>();
        sections.add(new CapacitySection(run));
        if (!thresholds.isEmpty()) {
            sections.add(ThresholdNotes.section(thresholds));
        }
        if (!run.steps().isEmpty()) {
            sections.add(new CapacityStepsSection(run));
        }
        if (stats.steps().stream().anyMatch(s -> !s.measuredIntervals().isEmpty())) {
            sections.add(new CapacityTimelineSection(stats.steps(), run.verdict().brokenStep()));
        }
        ShardsSection shards = ShardsSection.of(stats.dir());
        if (shards != null) {
            sections.add(shards);
        }
        sections.add(new ConditionsSection(Conditions.of(run)));
        sections.add(new FilesSection(stats.steps(), stats.stepLabels(), hgrmFiles, null));
        List<String> banners = new ArrayList<>(Banners.of(stats));
        ThresholdNotes.banner(banners, thresholds);
        return PageLayout.render(title(stats), subtitle(run), banners, sections);
    }

    private static String title(CapacityStats stats) {
        CapacitySpec spec = stats.run().scenario();
        return "pushbench capacity: " + (spec != null && spec.url() != null ? spec.url().toString()
                : String.valueOf(stats.dir().toAbsolutePath().getFileName()));
    }

    /** Transport, mode, ramp and objective, e.g. {@code websocket, echo: 100..2000/100 connections at 1000 msg/s; ...}. */
    private static String subtitle(CapacityResult run) {
        CapacitySpec s = run.scenario();
        String started = run.startedAt() == null ? "" : "; started " + Conditions.time(run.startedAt());
        if (s == null) {
            return "capacity run" + started;
        }
        String load = s.connections() + " connections" + (s.rate() == null ? "" : " at " + s.rate() + " msg/s "
                + (s.mode() == CapacityMode.PUBSUB ? "published" : "sent"));
        return s.transport().id() + ", " + s.mode() + ": " + load + "; objective " + s.slo() + started;
    }
}
