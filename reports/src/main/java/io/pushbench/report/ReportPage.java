package io.pushbench.report;

import io.pushbench.core.gate.Check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The page of one run: its conditions, the figures side by side, the charts, the files. */
final class ReportPage {

    private ReportPage() {
    }

    /**
     * @param stats     the run
     * @param hgrmFiles the {@code .hgrm} files written beside the page, per transport
     * @param thresholds the checks of the run's thresholds, empty for none
     * @return the whole HTML document
     */
    static String render(RunStats stats, Map<TransportStats, List<String>> hgrmFiles, List<Check> thresholds) {
        List<TransportStats> transports = stats.transports();
        List<Section> sections = new ArrayList<>();
        sections.add(new ConditionsSection(Conditions.of(stats.run())));
        if (!transports.isEmpty()) {
            sections.add(new SummarySection(transports, stats.floor()));
        }
        if (!transports.isEmpty() && GeneratorFloorSection.hasData(stats.run().generatorFloor())) {
            sections.add(new GeneratorFloorSection(transports, stats.run().generatorFloor()));
        }
        if (!thresholds.isEmpty()) {
            sections.add(ThresholdNotes.section(thresholds));
        }
        if (transports.stream().anyMatch(t -> t.log() != null)) {
            sections.add(new PercentileSection(transports, stats.floor()));
            sections.add(new TimelineSection(transports));
        }
        if (WireChart.hasData(transports)) {
            sections.add(new WireSection(transports));
        }
        if (BrowserSection.hasData(transports)) {
            sections.add(new BrowserSection(transports));
        }
        if (HealthSection.hasData(transports)) {
            sections.add(new HealthSection(transports));
        }
        ShardsSection shards = ShardsSection.of(stats.dir());
        if (shards != null) {
            sections.add(shards);
        }
        sections.add(new FilesSection(transports, hgrmFiles, stats.floor()));
        List<String> banners = new ArrayList<>(Banners.of(stats));
        ThresholdNotes.banner(banners, thresholds);
        return PageLayout.render("pushbench: " + scenarioName(stats), subtitle(stats), banners, sections);
    }

    /** The scenario's name, or the directory's when the result holds none. */
    static String scenarioName(RunStats stats) {
        if (stats.run().scenario() != null && stats.run().scenario().name() != null) {
            return stats.run().scenario().name();
        }
        return String.valueOf(stats.dir().toAbsolutePath().getFileName());
    }

    private static String subtitle(RunStats stats) {
        String labels = String.join(", ", stats.transports().stream().map(TransportStats::label).toList());
        String started = stats.run().startedAt() == null ? "" : ", started " + Conditions.time(stats.run().startedAt());
        boolean tls = stats.run().scenario() != null && stats.run().scenario().tls();
        return (labels.isEmpty() ? "no transport ran" : labels) + (tls ? ", over TLS" : "") + started;
    }
}
