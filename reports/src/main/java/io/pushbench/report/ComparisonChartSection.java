package io.pushbench.report;

import java.util.ArrayList;
import java.util.List;

/** Both runs' latency distributions on one chart: current solid, baseline dashed, one color per transport. */
final class ComparisonChartSection implements Section {

    private final List<ComparisonPage.Pair> pairs;

    ComparisonChartSection(List<ComparisonPage.Pair> pairs) {
        this.pairs = pairs;
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
        for (ComparisonPage.Pair pair : pairs) {
            curves.add(new PercentileChart.Curve(pair.label() + " (current)", pair.color(), PercentileChart.Line.SOLID,
                    pair.current().corrected()));
            curves.add(new PercentileChart.Curve(pair.label() + " (baseline)", pair.color(), PercentileChart.Line.DASHED,
                    pair.baseline().corrected()));
        }
        String title = TransportStats.latencyName(pairs.stream().map(ComparisonPage.Pair::current).toList())
                + " by percentile, current against baseline";
        html.image(ChartImage.draw(PercentileChart.create(title,
                "solid: current run; dashed: baseline; both from the planned send time (corrected)", curves),
                PercentileSection.WIDTH, PercentileSection.HEIGHT));
    }
}
