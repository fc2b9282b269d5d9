package io.pushbench.report;

import org.HdrHistogram.Histogram;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.Color;
import java.util.List;

/**
 * Latency by percentile, several histograms overlaid: the chart HdrHistogram's plotter draws
 * from {@code .hgrm} files, with the x axis of {@link PercentileAxis}.
 */
final class PercentileChart {

    /** Points drawn per "nine" of the axis: enough for a smooth step curve. */
    private static final int POINTS_PER_DECADE = 60;

    /** How a curve is drawn. */
    enum Line {
        /** The figure a chart is about, e.g. the corrected latency. */
        SOLID,
        /** The figure beside it: uncorrected latency, a baseline. */
        DASHED,
        /** A reference the others are read against, e.g. the raw TCP floor. */
        THIN
    }

    /**
     * One histogram to draw.
     *
     * @param label legend text
     * @param color line color
     * @param line  how the line is drawn
     * @param nanos the histogram, values in nanoseconds
     */
    record Curve(String label, Color color, Line line, Histogram nanos) {
    }

    private PercentileChart() {
    }

    /**
     * A chart of the curves; empty histograms are left out (the chart says "no data" when all are).
     *
     * @param title    chart title
     * @param subtitle how to read it, or {@code null}
     */
    static JFreeChart create(String title, String subtitle, List<Curve> curves) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (Curve curve : curves) {
            if (curve.nanos().getTotalCount() == 0) {
                continue;
            }
            int index = data.getSeriesCount();
            data.addSeries(series(curve));
            renderer.setSeriesPaint(index, curve.color());
            renderer.setSeriesStroke(index, switch (curve.line()) {
                case SOLID -> ChartStyle.solid();
                case DASHED -> ChartStyle.dashed();
                case THIN -> ChartStyle.thin();
            });
        }
        renderer.setDrawSeriesLineAsPath(true);
        NumberAxis latency = new NumberAxis("latency (ms)");
        latency.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(data, PercentileAxis.create(), latency, renderer);
        return ChartStyle.apply(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true), subtitle);
    }

    private static XYSeries series(Curve curve) {
        // Not sorted by x and duplicates allowed: points are added in order already.
        XYSeries series = new XYSeries(curve.label(), false, true);
        double last = PercentileAxis.MAX_POSITION;
        int points = (int) Math.ceil(Math.log10(last) * POINTS_PER_DECADE);
        for (int i = 0; i <= points; i++) {
            double position = Math.min(last, Math.pow(10, (double) i / POINTS_PER_DECADE));
            double percentile = PercentileAxis.percentile(position);
            series.add(position, curve.nanos().getValueAtPercentile(percentile) / 1e6);
        }
        return series;
    }
}
