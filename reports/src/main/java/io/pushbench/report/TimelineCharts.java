package io.pushbench.report;

import org.HdrHistogram.Histogram;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * How a run went second by second, from the histogram logs: latency (p50 and p99 of each
 * interval) and delivered messages per second, every transport on one chart. The x axis counts
 * from the start of each transport's own log, so transports that ran one after the other line up.
 * The steps of a capacity run, which ran one after the other on purpose, share one clock instead.
 */
final class TimelineCharts {

    private static final String TIME_AXIS = "time since the transport's start (s)";
    private static final Color ODD_BAND = new Color(0xF1F4F8);
    private static final Color EVEN_BAND = new Color(0xE6ECF3);
    private static final Color BROKEN_BAND = new Color(0xFBE3E3);
    private static final Color BAND_TEXT = new Color(0x555555);

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
     * A capacity run's latency over its whole run: p50 (solid) and p99 (dashed) of each step's
     * measured intervals, placed on the run's clock from the first step's log start; each step is a
     * shaded band labelled with its number, the step that broke in red. A step without a log is a gap.
     *
     * @param steps      the steps in order, as transports (each its figures and log)
     * @param brokenStep the position (from 1) of the step that broke, 0 when none did
     */
    static JFreeChart acrossSteps(String title, List<TransportStats> steps, int brokenStep) {
        XYSeries p50 = new XYSeries("p50", false, true);
        XYSeries p99 = new XYSeries("p99", false, true);
        long origin = steps.stream().filter(s -> s.log() != null && s.log().startMillis() > 0)
                .mapToLong(s -> s.log().startMillis()).min().orElse(0);
        List<IntervalMarker> bands = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            TransportStats step = steps.get(i);
            List<HistogramLog.Interval> intervals = step.measuredIntervals();
            if (intervals.isEmpty()) {
                continue;
            }
            double offset = (step.log().startMillis() - origin) / 1000.0;
            if (!p50.isEmpty()) {
                // A break in the lines between steps: the drain and the next step's warm-up are not measured.
                p50.add(offset + intervals.get(0).startSeconds(), null);
                p99.add(offset + intervals.get(0).startSeconds(), null);
            }
            for (HistogramLog.Interval interval : intervals) {
                Histogram h = interval.histogram();
                double x = offset + interval.endSeconds();
                p50.add(x, h.getTotalCount() == 0 ? null : (Number) (h.getValueAtPercentile(50) / 1e6));
                p99.add(x, h.getTotalCount() == 0 ? null : (Number) (h.getValueAtPercentile(99) / 1e6));
            }
            bands.add(band(offset + intervals.get(0).startSeconds(), offset + intervals.get(intervals.size() - 1)
                    .endSeconds(), i + 1, i + 1 == brokenStep));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = renderer();
        add(data, renderer, p50, 0, false);
        add(data, renderer, p99, 0, true);
        NumberAxis y = new NumberAxis("latency (ms)");
        y.setAutoRangeIncludesZero(true);
        JFreeChart chart = chart(title, "p50 solid, p99 dashed, of each 1 s interval; one band per step (numbered), "
                + "the step that broke in red; between steps, the drain and warm-up are not measured",
                data, renderer, y, "time since the first step's start (s)");
        bands.forEach(band -> chart.getXYPlot().addDomainMarker(band, Layer.BACKGROUND));
        return chart;
    }

    private static IntervalMarker band(double from, double to, int step, boolean broken) {
        IntervalMarker band = new IntervalMarker(from, to, broken ? BROKEN_BAND : step % 2 == 0 ? EVEN_BAND : ODD_BAND);
        CapacityChart.label(band, Integer.toString(step), broken ? CapacityChart.BROKE : BAND_TEXT);
        band.setLabelAnchor(RectangleAnchor.TOP);
        band.setLabelTextAnchor(TextAnchor.TOP_CENTER);
        return band;
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
        return chart(title, subtitle, data, renderer, y, TIME_AXIS);
    }

    private static JFreeChart chart(String title, String subtitle, XYSeriesCollection data,
                                    XYLineAndShapeRenderer renderer, NumberAxis y, String timeAxis) {
        NumberAxis x = new NumberAxis(timeAxis);
        x.setAutoRangeIncludesZero(false);
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYPlot plot = new XYPlot(data, x, y, renderer);
        return ChartStyle.apply(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true), subtitle);
    }
}
