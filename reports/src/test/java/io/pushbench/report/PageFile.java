package io.pushbench.report;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A rendered page read back for assertions: its text, sections and decoded chart images. */
record PageFile(String html) {

    private static final Pattern IMAGE = Pattern.compile(
            "<img class=\"chart\" src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\" alt=\"([^\"]*)\" "
                    + "width=\"(\\d+)\" height=\"(\\d+)\">");
    private static final Pattern SECTION = Pattern.compile("<section id=\"([^\"]+)\">");

    /** A chart as the page embeds it, decoded. */
    record Chart(String alt, int width, int height, byte[] png, BufferedImage image) {
    }

    static PageFile read(Path file) throws IOException {
        return new PageFile(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** The ids of the page's sections, in order. */
    List<String> sections() {
        List<String> ids = new ArrayList<>();
        Matcher m = SECTION.matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** Every chart image, decoded with ImageIO ({@code image} is null if the bytes are not a readable PNG). */
    List<Chart> charts() {
        List<Chart> charts = new ArrayList<>();
        Matcher m = IMAGE.matcher(html);
        while (m.find()) {
            byte[] png = Base64.getDecoder().decode(m.group(1));
            BufferedImage image;
            try {
                image = ImageIO.read(new ByteArrayInputStream(png));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            charts.add(new Chart(m.group(2), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), png, image));
        }
        return charts;
    }

    /** How many {@code <img} tags the page has, matched by {@link #charts()} or not. */
    int imageTags() {
        return html.split("<img ", -1).length - 1;
    }

    /** The HTML of one section, from its opening tag to its end. */
    String section(String id) {
        int start = html.indexOf("<section id=\"" + id + "\">");
        if (start < 0) {
            throw new AssertionError("no section " + id);
        }
        return html.substring(start, html.indexOf("</section>", start));
    }
}
