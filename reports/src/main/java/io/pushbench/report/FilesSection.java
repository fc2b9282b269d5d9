package io.pushbench.report;

import io.pushbench.core.result.ResultFiles;

import java.util.List;
import java.util.Map;

/**
 * Links to the files beside the page: the raw result, the histogram logs and the percentile
 * distributions, one line per transport (or per step of a capacity run).
 */
final class FilesSection implements Section {

    private final List<TransportStats> transports;
    private final List<String> labels;
    private final Map<TransportStats, List<String>> hgrmFiles;
    private final FloorStats floor;

    /**
     * @param hgrmFiles the {@code .hgrm} files written for each transport, names relative to the page
     * @param floor     the run's floor, or {@code null} for none
     */
    FilesSection(List<TransportStats> transports, Map<TransportStats, List<String>> hgrmFiles, FloorStats floor) {
        this(transports, transports.stream().map(TransportStats::label).toList(), hgrmFiles, floor);
    }

    /**
     * @param labels    what each line is called, one per entry of {@code transports}, e.g. {@code step 3}
     * @param hgrmFiles the {@code .hgrm} files written for each, names relative to the page
     * @param floor     the run's floor, or {@code null} for none
     */
    FilesSection(List<TransportStats> transports, List<String> labels, Map<TransportStats, List<String>> hgrmFiles,
                 FloorStats floor) {
        this.transports = transports;
        this.labels = labels;
        this.hgrmFiles = hgrmFiles;
        this.floor = floor;
    }

    @Override
    public String id() {
        return "files";
    }

    @Override
    public String title() {
        return "Files";
    }

    @Override
    public void render(Html html) {
        html.open("ul", "class", "files").open("li").link(ResultFiles.RESULT_JSON, ResultFiles.RESULT_JSON)
                .text(": every figure of this run, and its conditions").close("li");
        if (floor != null && floor.log() != null) {
            html.open("li").element("strong", FloorStats.LABEL).text(": ")
                    .link(floor.log().fileName(), floor.log().fileName()).close("li");
        }
        for (int i = 0; i < transports.size(); i++) {
            TransportStats t = transports.get(i);
            html.open("li").element("strong", labels.get(i)).text(": ");
            String separator = "";
            for (String file : hgrmFiles.getOrDefault(t, List.of())) {
                html.text(separator).link(file, file);
                separator = ", ";
            }
            if (t.log() != null) {
                html.text(separator).link(t.log().fileName(), t.log().fileName());
            }
            html.close("li");
        }
        html.close("ul");
        html.element("p", ".hgrm: the percentile distribution in microseconds, as HdrHistogram prints it "
                + "(plot several at once with HdrHistogram's plotFiles.html). .hlog: the histogram log, "
                + "nanoseconds, one histogram per metric per second (HistogramLogProcessor reads it).", "class", "note");
    }
}
