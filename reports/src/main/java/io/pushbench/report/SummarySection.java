package io.pushbench.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The figures side by side, one row per transport and client stack, one column per {@link Figure}
 * that any transport holds; the best value of each column is highlighted.
 */
final class SummarySection implements Section {

    private final List<TransportStats> transports;

    SummarySection(List<TransportStats> transports) {
        this.transports = transports;
    }

    @Override
    public String id() {
        return "summary";
    }

    @Override
    public String title() {
        return "Summary";
    }

    @Override
    public void render(Html html) {
        List<Figure> columns = Arrays.stream(Figure.values())
                .filter(f -> transports.stream().anyMatch(t -> f.of(t.result()).isPresent()))
                .toList();
        html.open("div", "class", "scroll").open("table").open("tr").element("th", "transport", "class", "label");
        for (Figure f : columns) {
            html.open("th").text(f.title()).element("span", f.unit(), "class", "unit").close("th");
        }
        html.close("tr");
        List<List<OptionalDouble>> values = new ArrayList<>();
        for (Figure f : columns) {
            values.add(transports.stream().map(t -> f.of(t.result())).toList());
        }
        for (int row = 0; row < transports.size(); row++) {
            html.open("tr").open("td", "class", "label");
            swatch(html, Palette.color(row));
            html.text(transports.get(row).label());
            if (saturated(transports.get(row))) {
                html.raw(" ").element("span", "saturated", "class", "flag",
                        "title", "the load generator was saturated: see the warning at the top");
            }
            html.close("td");
            for (int col = 0; col < columns.size(); col++) {
                Figure f = columns.get(col);
                OptionalDouble value = values.get(col).get(row);
                boolean best = isBest(f, values.get(col), row);
                html.element("td", value.isPresent() ? f.format(value.getAsDouble()) : "\u2013",
                        "class", best ? "best" : null, "title", best ? "best in column" : null);
            }
            html.close("tr");
        }
        html.close("table").close("div");
        StringBuilder note = new StringBuilder(TransportStats.latencyName(transports)
                + " from the planned send time (corrected for coordinated omission). "
                + "Highlighted: the best value in each column.");
        for (Figure f : columns) {
            if (f.meaning() != null) {
                note.append(' ').append(Character.toUpperCase(f.title().charAt(0))).append(f.title().substring(1))
                        .append(": ").append(f.meaning()).append('.');
            }
        }
        html.element("p", note.toString(), "class", "note");
    }

    private static boolean saturated(TransportStats t) {
        return t.result().selfHealth() != null && t.result().selfHealth().saturated();
    }

    /** A color square matching the transport's lines in the charts. */
    static void swatch(Html html, Color color) {
        html.open("span", "class", "swatch", "style", "background:" + Palette.css(color)).close("span");
    }

    /**
     * Whether row {@code row} holds the best value of a column. Ties are all best; nothing is
     * highlighted when fewer than two rows hold the figure or all hold the same value.
     */
    static boolean isBest(Figure figure, List<OptionalDouble> column, int row) {
        List<Double> shown = column.stream().filter(OptionalDouble::isPresent)
                .map(v -> figure.shown(v.getAsDouble())).toList();
        if (shown.size() < 2 || column.get(row).isEmpty() || shown.stream().distinct().count() == 1) {
            return false;
        }
        double best = shown.stream().reduce((a, b) -> figure.better().prefers(b, a) ? b : a).orElseThrow();
        return figure.shown(column.get(row).getAsDouble()) == best;
    }
}
