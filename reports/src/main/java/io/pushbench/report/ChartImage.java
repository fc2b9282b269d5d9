package io.pushbench.report;

import org.jfree.chart.JFreeChart;

import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * A chart drawn into a PNG, to be embedded in a page as a {@code data:} URI so that the page
 * needs no other file. Drawn at twice its display size so that it stays sharp on high-density
 * screens and when zoomed.
 *
 * @param alt    text for readers who cannot see the image: the chart's title
 * @param width  display width, CSS pixels
 * @param height display height, CSS pixels
 * @param png    the PNG bytes, {@value #SCALE} times the display size in each direction
 */
record ChartImage(String alt, int width, int height, byte[] png) {

    /** Pixels drawn per CSS pixel. */
    static final int SCALE = 2;

    /**
     * Draws a chart.
     *
     * @param width  display width, CSS pixels, {@code > 0}
     * @param height display height, CSS pixels, {@code > 0}
     */
    static ChartImage draw(JFreeChart chart, int width, int height) {
        BufferedImage image = new BufferedImage(width * SCALE, height * SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.scale(SCALE, SCALE);
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // Encoded in memory: ImageIO's default file cache registers a shutdown hook, which fails when a
        // report is rendered while the JVM shuts down (capacity writes its report after Ctrl-C).
        try (ImageOutputStream png = new MemoryCacheImageOutputStream(out)) {
            if (!ImageIO.write(image, "png", png)) {
                throw new IllegalStateException("no PNG encoder in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a chart as PNG", e);
        }
        String title = chart.getTitle() == null ? "chart" : chart.getTitle().getText();
        return new ChartImage(title, width, height, out.toByteArray());
    }

    /** The image as a {@code data:image/png;base64,...} URI. */
    String dataUri() {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }
}
