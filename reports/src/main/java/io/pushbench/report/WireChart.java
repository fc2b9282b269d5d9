package io.pushbench.report;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.labels.CategoryItemLabelGenerator;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Bytes on the wire per delivered message, one bar per transport, split into the payload (the
 * scenario's message size) and what the transport adds to it (framing, headers, heartbeats).
 */
final class WireChart {

    private static final String PAYLOAD = "payload";
    private static final String OVERHEAD = "transport overhead";

    private WireChart() {
    }

    /** Whether any transport has a wire figure to draw. */
    static boolean hasData(List<TransportStats> transports) {
        return transports.stream().anyMatch(t -> Figure.WIRE.of(t.result()).isPresent());
    }

    /** The chart; transports without a wire figure are left out. */
    static JFreeChart create(List<TransportStats> transports) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (TransportStats t : transports) {
            OptionalDouble total = Figure.WIRE.of(t.result());
            if (total.isEmpty()) {
                continue;
            }
            double overhead = t.result().wire().overheadPerMessage();
            data.addValue(total.getAsDouble() - overhead, PAYLOAD, t.label());
            data.addValue(overhead, OVERHEAD, t.label());
        }
        StackedBarRenderer renderer = new StackedBarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setMaximumBarWidth(0.12);
        renderer.setSeriesPaint(0, new Color(0xB8C7D9));
        renderer.setSeriesPaint(1, new Color(0xD55E00));
        // The total at the end of each bar, with the overhead in it: "259.9 B (+3.9)".
        renderer.setSeriesItemLabelGenerator(1, new TotalLabels());
        renderer.setSeriesItemLabelsVisible(1, true);
        renderer.setSeriesItemLabelFont(1, new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        renderer.setSeriesPositiveItemLabelPosition(1,
                new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
        renderer.setSeriesNegativeItemLabelPosition(1,
                new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
        NumberAxis bytes = new NumberAxis("bytes per delivered message (B)");
        // Room on the right for the labels at the bars' ends.
        bytes.setUpperMargin(0.18);
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(null), bytes, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        return ChartStyle.apply(new JFreeChart("Bytes on the wire per message", JFreeChart.DEFAULT_TITLE_FONT, plot, true),
                "both directions at the client's sockets, divided by messages delivered");
    }

    /** Labels the overhead segment with the bar's total and the overhead. */
    private static final class TotalLabels implements CategoryItemLabelGenerator {
        @Override
        public String generateRowLabel(CategoryDataset dataset, int row) {
            return dataset.getRowKey(row).toString();
        }

        @Override
        public String generateColumnLabel(CategoryDataset dataset, int column) {
            return dataset.getColumnKey(column).toString();
        }

        @Override
        public String generateLabel(CategoryDataset dataset, int row, int column) {
            double payload = dataset.getValue(0, column).doubleValue();
            double overhead = dataset.getValue(row, column).doubleValue();
            return String.format(Locale.ROOT, "%,.1f B (%+,.1f)", payload + overhead, overhead);
        }
    }

    /** A height, in CSS pixels, that gives each bar room: grows with the number of transports. */
    static int height(List<TransportStats> transports) {
        return 170 + 46 * transports.size();
    }
}
