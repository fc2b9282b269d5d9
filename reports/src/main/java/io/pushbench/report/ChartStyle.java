package io.pushbench.report;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.RenderingHints;
import java.awt.Stroke;

/**
 * The look every chart of a report shares: white background, light grid, legible fonts,
 * anti-aliased lines and text. Applied per chart, so no JFreeChart-wide theme is changed.
 */
final class ChartStyle {

    /** Line width of data series, in pixels at 1x. */
    static final float LINE_WIDTH = 2.0f;

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font AXIS_LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font TICK_LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Color GRID = new Color(0xDDDDDD);
    private static final Color TEXT = new Color(0x222222);

    private ChartStyle() {
    }

    /** A solid line for a data series. */
    static Stroke solid() {
        return new BasicStroke(LINE_WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    /** A dashed line for a data series, e.g. the uncorrected latency or the baseline. */
    static Stroke dashed() {
        return new BasicStroke(LINE_WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {7f, 5f}, 0f);
    }

    /** A thin solid line for a reference drawn under the data, e.g. the floor. */
    static Stroke thin() {
        return new BasicStroke(LINE_WIDTH / 2, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    /**
     * Styles a chart in place.
     *
     * @param subtitle a line under the title saying how to read the chart, or {@code null}
     * @return the chart
     */
    static JFreeChart apply(JFreeChart chart, String subtitle) {
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.getRenderingHints().put(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(8, 8, 8, 16));
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(TITLE);
            chart.getTitle().setPaint(TEXT);
        }
        if (subtitle != null) {
            TextTitle line = new TextTitle(subtitle, SUBTITLE);
            line.setPaint(new Color(0x555555));
            line.setPadding(new RectangleInsets(2, 0, 6, 0));
            chart.addSubtitle(line);
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(LEGEND);
            legend.setFrame(BlockBorder.NONE);
            legend.setPosition(RectangleEdge.BOTTOM);
        }
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setNoDataMessage("no data");
        plot.setNoDataMessageFont(AXIS_LABEL);
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(GRID);
            xy.setRangeGridlinePaint(GRID);
            xy.setDomainGridlineStroke(new BasicStroke(1f));
            xy.setRangeGridlineStroke(new BasicStroke(1f));
            style(xy.getDomainAxis());
            for (int i = 0; i < xy.getRangeAxisCount(); i++) {
                style(xy.getRangeAxis(i));
            }
        } else if (plot instanceof CategoryPlot category) {
            category.setRangeGridlinePaint(GRID);
            category.setRangeGridlineStroke(new BasicStroke(1f));
            style(category.getDomainAxis());
            style(category.getRangeAxis());
        }
        return chart;
    }

    private static void style(Axis axis) {
        axis.setLabelFont(AXIS_LABEL);
        axis.setLabelPaint(TEXT);
        axis.setTickLabelFont(TICK_LABEL);
        axis.setTickLabelPaint(TEXT);
        axis.setAxisLinePaint(new Color(0x888888));
    }
}
