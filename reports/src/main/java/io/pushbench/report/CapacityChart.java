package io.pushbench.report;

import io.pushbench.core.spec.Ramp;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * The capacity chart: load step on the x axis, p50 and p99 latency on the left axis (logarithmic
 * when it spans two decades), the error rate on the right axis. Held steps are filled circles, the
 * step that broke a large diamond under a red vertical line; the highest step that held has a
 * green line, and the objective's latency limits are dotted horizontal lines.
 */
final class CapacityChart {

    /** The page's colors for better and worse ({@code --better}, {@code --worse} in the page style). */
    static final Color HELD = new Color(0x1A7F37);
    static final Color BROKE = new Color(0xC62828);

    private static final Shape HELD_SHAPE = new Ellipse2D.Double(-4, -4, 8, 8);
    private static final Shape BROKEN_SHAPE = diamond(9);
    private static final Font MARKER_LABEL = new Font(Font.SANS_SERIF, Font.BOLD, 12);
    private static final Color LIMIT = new Color(0x555555);
    private static final Color NO_BACKGROUND = new Color(255, 255, 255, 0);

    private CapacityChart() {
    }

    static JFreeChart draw(CapacityCurve curve) {
        XYSeries p50 = new XYSeries("p50 latency", false, true);
        XYSeries p99 = new XYSeries("p99 latency", false, true);
        XYSeries errors = new XYSeries("errors", false, true);
        int brokenItem = -1;
        for (CapacityCurve.Point p : curve.points()) {
            if (p.step() == curve.brokenStep()) {
                brokenItem = p50.getItemCount();
            }
            p50.add(p.load(), p.p50Millis());
            p99.add(p.load(), p.p99Millis());
            errors.add(p.load(), p.errorPercent());
        }
        XYSeriesCollection latency = new XYSeriesCollection();
        latency.addSeries(p50);
        latency.addSeries(p99);
        StepRenderer latencyRenderer = new StepRenderer(brokenItem);
        latencyRenderer.setSeriesPaint(0, Palette.color(0));
        latencyRenderer.setSeriesStroke(0, ChartStyle.solid());
        latencyRenderer.setSeriesPaint(1, Palette.color(0));
        latencyRenderer.setSeriesStroke(1, ChartStyle.dashed());
        StepRenderer errorRenderer = new StepRenderer(brokenItem);
        errorRenderer.setSeriesPaint(0, Palette.color(1));
        errorRenderer.setSeriesStroke(0, new BasicStroke(1.5f));

        NumberAxis x = new NumberAxis(curve.loadAxis());
        x.setAutoRangeIncludesZero(false);
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYPlot plot = new XYPlot(latency, x, latencyAxis(curve), latencyRenderer);
        NumberAxis errorAxis = new NumberAxis("errors (%)");
        // From 0, and at least to 1%: with no errors at all the axis reads 0 to 1%, not a range around 0.
        double maxError = curve.points().stream().mapToDouble(CapacityCurve.Point::errorPercent).max().orElse(0);
        errorAxis.setRange(0, Math.min(100, Math.max(1, maxError * 1.1)));
        plot.setRangeAxis(1, errorAxis);
        plot.setDataset(1, new XYSeriesCollection(errors));
        plot.setRenderer(1, errorRenderer);
        plot.mapDatasetToRangeAxis(1, 1);
        mark(plot, curve);
        String subtitle = "one point per step: circles held, the diamond broke; p50 solid, p99 dashed, from the planned "
                + "send time (left axis); errors: share of connections not held or messages lost (right axis)";
        return ChartStyle.apply(new JFreeChart("Latency and errors by load step", JFreeChart.DEFAULT_TITLE_FONT,
                plot, true), subtitle);
    }

    private static ValueAxis latencyAxis(CapacityCurve curve) {
        if (!curve.logScale()) {
            NumberAxis axis = new NumberAxis("latency (ms)");
            axis.setAutoRangeIncludesZero(true);
            return axis;
        }
        LogAxis axis = new LogAxis("latency (ms, log scale)");
        axis.setBase(10);
        axis.setSmallestValue(1e-3);
        axis.setTickUnit(new NumberTickUnit(1));
        axis.setNumberFormatOverride(new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        return axis;
    }

    /** The highest held step, the step that broke, and the objective's latency limits. */
    private static void mark(XYPlot plot, CapacityCurve curve) {
        CapacityCurve.Point broken = curve.broken();
        CapacityCurve.Point held = curve.points().stream().filter(CapacityCurve.Point::held)
                .reduce((a, b) -> b).orElse(null);
        // Both labels left of their lines (the step that broke is the last, at the right edge), one lower than the other.
        if (held != null) {
            plot.addDomainMarker(marker(held.load(), HELD, "held " + Ramp.format(held.load()), 4), Layer.BACKGROUND);
        }
        if (broken != null) {
            plot.addDomainMarker(marker(broken.load(), BROKE, "broke " + Ramp.format(broken.load()), 22),
                    Layer.BACKGROUND);
        }
        for (CapacityCurve.Limit limit : curve.latencyLimits()) {
            ValueMarker line = new ValueMarker(limit.millis(), LIMIT, new BasicStroke(1f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_ROUND, 10f, new float[] {2f, 3f}, 0f));
            label(line, "objective " + limit.name(), LIMIT);
            line.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            line.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            line.setLabelOffset(new RectangleInsets(2, 4, 2, 4));
            plot.addRangeMarker(line, Layer.BACKGROUND);
        }
    }

    /** A vertical line at {@code load}, labelled to its left, {@code fromTop} pixels below the top of the plot. */
    private static ValueMarker marker(double load, Color color, String label, double fromTop) {
        ValueMarker marker = new ValueMarker(load, color, new BasicStroke(1.5f));
        label(marker, label, color);
        marker.setLabelAnchor(RectangleAnchor.TOP);
        marker.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
        marker.setLabelOffset(new RectangleInsets(fromTop, 4, 4, 4));
        return marker;
    }

    /** A marker's label: bold, in the marker's color, on no background. */
    static void label(Marker marker, String label, Color color) {
        marker.setLabel(label);
        marker.setLabelFont(MARKER_LABEL);
        marker.setLabelPaint(color);
        marker.setLabelBackgroundColor(NO_BACKGROUND);
    }

    private static Shape diamond(double half) {
        Path2D.Double d = new Path2D.Double();
        d.moveTo(0, -half);
        d.lineTo(half, 0);
        d.lineTo(0, half);
        d.lineTo(-half, 0);
        d.closePath();
        return d;
    }

    /** Lines and points, the step that broke drawn as a diamond, in every series (the item index is the step's). */
    private static final class StepRenderer extends XYLineAndShapeRenderer {
        private final int brokenItem;

        StepRenderer(int brokenItem) {
            super(true, true);
            this.brokenItem = brokenItem;
            setDefaultLegendShape(HELD_SHAPE);
        }

        @Override
        public Shape getItemShape(int series, int item) {
            return item == brokenItem ? BROKEN_SHAPE : HELD_SHAPE;
        }
    }
}
