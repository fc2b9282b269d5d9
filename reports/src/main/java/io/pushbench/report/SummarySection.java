package io.pushbench.report;

import io.pushbench.core.result.FloorResult;
import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.result.TransportResult;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The figures side by side, one row per transport and client stack, one column per {@link Figure}
 * that any transport holds; the best value of each column is highlighted. When the run measured
 * the floor, its row comes first (outside the highlighting: it is no contender) and each
 * transport's p50 and p99 are also shown as multiples of the floor's.
 */
final class SummarySection implements Section {

    /** Where the multiples of the floor go: after this column. */
    private static final Figure MULTIPLES_AFTER = Figure.MAX;

    private final List<TransportStats> transports;
    private final FloorStats floor;
    private final LatencySummary floorLatency;

    /** @param floor the run's floor, or {@code null}: then there is no floor row and no multiples */
    SummarySection(List<TransportStats> transports, FloorStats floor) {
        this.transports = transports;
        this.floor = floor;
        this.floorLatency = floor == null || transports.isEmpty() ? null
                : floor.summary(transports.get(0).correctedMetric());
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
        boolean multiples = floorLatency != null && columns.contains(MULTIPLES_AFTER);
        html.open("div", "class", "scroll").open("table").open("tr").element("th", "transport", "class", "label");
        for (Figure f : columns) {
            html.open("th").text(f.title()).element("span", f.unit(), "class", "unit").close("th");
            if (multiples && f == MULTIPLES_AFTER) {
                for (String percentile : List.of("p50", "p99")) {
                    html.open("th").text(percentile).element("span", "\u00D7 floor", "class", "unit").close("th");
                }
            }
        }
        html.close("tr");
        if (floorLatency != null) {
            floorRow(html, columns, multiples);
        }
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
                if (multiples && f == MULTIPLES_AFTER) {
                    TransportResult r = transports.get(row).result();
                    html.element("td", multiple(Figure.P50.of(r), floorLatency.p50()));
                    html.element("td", multiple(Figure.P99.of(r), floorLatency.p99()));
                }
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
        if (floorLatency != null) {
            note.append(" Floor: a raw TCP ping-pong between two sockets on loopback (no HTTP, no framing), measured in "
                    + "the same run at the same rate and message size, ").append(FloorStats.tripName(transports))
                    .append(String.format(Locale.ROOT, ", %,d messages over %.1f s; p50 \u00D7 floor and p99 \u00D7 floor: "
                            + "each transport's figure as a multiple of the floor's.", floor.result().sent(),
                            floor.result().measuredSeconds()));
        }
        html.element("p", note.toString(), "class", "note");
    }

    /** The floor's row: its latencies and delivery where a column has them, a dash elsewhere. */
    private void floorRow(Html html, List<Figure> columns, boolean multiples) {
        html.open("tr", "class", "floor").open("td", "class", "label");
        swatch(html, Palette.FLOOR);
        html.text(FloorStats.LABEL);
        if (floor.result().saturated()) {
            html.raw(" ").element("span", "saturated", "class", "flag", "title", "the generator could not keep the "
                    + "floor's schedule (" + String.join("; ", floor.result().saturation())
                    + "): the multiples understate what each transport adds");
        }
        html.close("td");
        for (Figure f : columns) {
            OptionalDouble value = floorValue(f);
            html.element("td", value.isPresent() ? f.format(value.getAsDouble()) : "\u2013");
            if (multiples && f == MULTIPLES_AFTER) {
                html.element("td", "1.0").element("td", "1.0");
            }
        }
        html.close("tr");
    }

    private OptionalDouble floorValue(Figure f) {
        FloorResult r = floor.result();
        return switch (f) {
            case P50 -> OptionalDouble.of(floorLatency.p50() / 1000);
            case P90 -> OptionalDouble.of(floorLatency.p90() / 1000);
            case P99 -> OptionalDouble.of(floorLatency.p99() / 1000);
            case P999 -> OptionalDouble.of(floorLatency.p999() / 1000);
            case MAX -> OptionalDouble.of(floorLatency.max() / 1000);
            case DELIVERED -> OptionalDouble.of(r.received() / Math.max(r.measuredSeconds(), 1e-9));
            case LOST -> OptionalDouble.of(r.sent() - r.received());
            default -> OptionalDouble.empty();
        };
    }

    /** A transport's figure (milliseconds) as a multiple of the floor's (microseconds), e.g. {@code 12.3}. */
    private static String multiple(OptionalDouble millis, double floorMicros) {
        return millis.isEmpty() || floorMicros <= 0 ? "\u2013"
                : String.format(Locale.ROOT, "%,.1f", millis.getAsDouble() * 1000 / floorMicros);
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
