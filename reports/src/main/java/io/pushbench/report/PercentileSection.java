package io.pushbench.report;

import java.util.ArrayList;
import java.util.List;

/** Every transport's latency distribution on one chart: corrected solid, uncorrected dashed. */
final class PercentileSection implements Section {

    /** Chart size, CSS pixels. */
    static final int WIDTH = 1000;
    static final int HEIGHT = 520;

    private final List<TransportStats> transports;

    PercentileSection(List<TransportStats> transports) {
        this.transports = transports;
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
            curves.add(new PercentileChart.Curve(t.label() + " (corrected)", Palette.color(i), false, t.corrected()));
            curves.add(new PercentileChart.Curve(t.label() + " (uncorrected)", Palette.color(i), true, t.uncorrected()));
        }
        String title = TransportStats.latencyName(transports) + " by percentile";
        html.image(ChartImage.draw(PercentileChart.create(title,
                "solid: from the planned send time (corrected); dashed: from the actual send (uncorrected)", curves),
                WIDTH, HEIGHT));
        html.element("p", "Read a curve left to right: the latency that 0%, 90%, 99%, ... of the messages stayed "
                + "under. Where the dashed line runs below the solid one, the sender fell behind its schedule "
                + "and a tool that measures from the actual send would have hidden that wait.", "class", "note");
    }
}
