package io.pushbench.report;

import org.HdrHistogram.Histogram;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.util.List;

/**
 * How a run went second by second, from the histogram logs: latency (p50 and p99 of each
 * interval) and delivered messages per second, every transport on one chart. The x axis counts
 * from the start of each transport's own log, so transports that ran one after the other line up.
 */
final class TimelineCharts {

    private static final String TIME_AXIS = "time since the transport's start (s)";

    private TimelineCharts() {
    }

    /**
     * p50 (solid) and p99 (dashed) of the corrected latency per interval. An interval in the
     * middle of the run that received nothing leaves a gap rather than a false zero.
     */
    static JFreeChart latency(String title, List<TransportStats> transports) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = renderer();
        for (int t = 0; t < transports.size(); t++) {
            TransportStats stats = transports.get(t);
            XYSeries p50 = new XYSeries(stats.label() + " p50", false, true);
            XYSeries p99 = new XYSeries(stats.label() + " p99", false, true);
            for (HistogramLog.Interval interval : stats.measuredIntervals()) {
                Histogram h = interval.histogram();
                double x = interval.endSeconds();
                p50.add(x, h.getTotalCount() == 0 ? null : (Number) (h.getValueAtPercentile(50) / 1e6));
                p99.add(x, h.getTotalCount() == 0 ? null : (Number) (h.getValueAtPercentile(99) / 1e6));
            }
            add(data, renderer, p50, t, false);
            add(data, renderer, p99, t, true);
        }
        NumberAxis y = new NumberAxis("latency (ms)");
        y.setAutoRangeIncludesZero(true);
        return chart(title, "p50 solid, p99 dashed, of each 1 s interval; from the planned send time",
                data, renderer, y);
    }

    /**
     * Messages delivered per second, interval by interval: the corrected histogram's count over the
     * interval's length. An interval in the middle of the run that received nothing shows as zero.
     */
    static JFreeChart throughput(List<TransportStats> transports) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = renderer();
        for (int t = 0; t < transports.size(); t++) {
            TransportStats stats = transports.get(t);
            XYSeries series = new XYSeries(stats.label(), false, true);
            for (HistogramLog.Interval interval : stats.measuredIntervals()) {
                if (interval.lengthSeconds() > 0) {
                    series.add(interval.endSeconds(), interval.histogram().getTotalCount() / interval.lengthSeconds());
                }
            }
            add(data, renderer, series, t, false);
        }
        NumberAxis y = new NumberAxis("delivered (msg/s)");
        y.setAutoRangeIncludesZero(true);
        return chart("Delivered throughput over time", "messages received per second, summed over all connections",
                data, renderer, y);
    }

    private static XYLineAndShapeRenderer renderer() {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setDrawSeriesLineAsPath(true);
        return renderer;
    }

    private static void add(XYSeriesCollection data, XYLineAndShapeRenderer renderer, XYSeries series,
                            int transport, boolean dashed) {
        if (series.isEmpty()) {
            return;
        }
        int index = data.getSeriesCount();
        data.addSeries(series);
        renderer.setSeriesPaint(index, Palette.color(transport));
        renderer.setSeriesStroke(index, dashed ? ChartStyle.dashed() : ChartStyle.solid());
    }

    private static JFreeChart chart(String title, String subtitle, XYSeriesCollection data,
                                    XYLineAndShapeRenderer renderer, NumberAxis y) {
        NumberAxis x = new NumberAxis(TIME_AXIS);
        x.setAutoRangeIncludesZero(false);
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYPlot plot = new XYPlot(data, x, y, renderer);
        return ChartStyle.apply(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true), subtitle);
    }
}
