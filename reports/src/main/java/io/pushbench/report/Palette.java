package io.pushbench.report;

import java.awt.Color;
import java.util.List;

/**
 * Colors for transports, the same in every chart of a page so that a reader learns them once.
 * The Okabe-Ito palette: told apart by readers with the common forms of color blindness.
 */
final class Palette {

    private static final List<Color> COLORS = List.of(
            new Color(0x0072B2), // blue
            new Color(0xD55E00), // vermillion
            new Color(0x009E73), // bluish green
            new Color(0xCC79A7), // reddish purple
            new Color(0xE69F00), // orange
            new Color(0x56B4E9), // sky blue
            new Color(0x000000), // black
            new Color(0x999933)); // olive

    /** The floor's color: a neutral grey, apart from every transport's. */
    static final Color FLOOR = new Color(0x8C8C8C);

    private Palette() {
    }

    /** The color of the {@code index}-th transport of a page (cycles after eight). */
    static Color color(int index) {
        return COLORS.get(Math.floorMod(index, COLORS.size()));
    }

    /** The color as CSS, e.g. {@code #0072b2}. */
    static String css(Color color) {
        return String.format("#%06x", color.getRGB() & 0xFFFFFF);
    }
}
