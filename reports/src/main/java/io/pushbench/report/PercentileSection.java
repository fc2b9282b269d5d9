package io.pushbench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Every transport's latency distribution on one chart: corrected solid, uncorrected dashed, and
 * the raw TCP floor (corrected) as a thin grey line under them when the run measured it.
 */
final class PercentileSection implements Section {

    /** Chart size, CSS pixels. */
    static final int WIDTH = 1000;
    static final int HEIGHT = 520;

    private final List<TransportStats> transports;
    private final FloorStats floor;

    /** @param floor the run's floor, or {@code null} for none */
    PercentileSection(List<TransportStats> transports, FloorStats floor) {
        this.transports = transports;
        this.floor = floor;
    }

    @Override
    public String id() {
        return "percentiles";
    }

    @Override
    public String title() {
        return "Latency by percentile";
    }

    @Override
    public void render(Html html) {
        List<PercentileChart.Curve> curves = new ArrayList<>();
        for (int i = 0; i < transports.size(); i++) {
            TransportStats t = transports.get(i);
            curves.add(new PercentileChart.Curve(t.label() + " (corrected)", Palette.color(i),
                    PercentileChart.Line.SOLID, t.corrected()));
            curves.add(new PercentileChart.Curve(t.label() + " (uncorrected)", Palette.color(i),
                    PercentileChart.Line.DASHED, t.uncorrected()));
        }
        boolean withFloor = floor != null && !transports.isEmpty();
        if (withFloor) {
            curves.add(new PercentileChart.Curve(FloorStats.LABEL + ", " + FloorStats.tripName(transports),
                    Palette.FLOOR, PercentileChart.Line.THIN, floor.total(transports.get(0).correctedMetric())));
        }
        String title = TransportStats.latencyName(transports) + " by percentile";
        html.image(ChartImage.draw(PercentileChart.create(title,
                "solid: from the planned send time (corrected); dashed: from the actual send (uncorrected)"
                        + (withFloor ? "; thin grey: the raw TCP floor" : ""), curves),
                WIDTH, HEIGHT));
        html.element("p", "Read a curve left to right: the latency that 0%, 90%, 99%, ... of the messages stayed "
                + "under. Where the dashed line runs below the solid one, the sender fell behind its schedule "
                + "and a tool that measures from the actual send would have hidden that wait.", "class", "note");
    }
}
