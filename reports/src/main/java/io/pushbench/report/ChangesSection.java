package io.pushbench.report;

import java.util.List;

/**
 * For each transport in both runs, every {@link Figure}: baseline, current, change in percent, an
 * arrow for which way the value moved, and whether that is better or worse (lower latency, loss,
 * errors and bytes are better; higher throughput is better).
 */
final class ChangesSection implements Section {

    private final List<ComparisonPage.Pair> pairs;

    ChangesSection(List<ComparisonPage.Pair> pairs) {
        this.pairs = pairs;
    }

    @Override
    public String id() {
        return "changes";
    }

    @Override
    public String title() {
        return "Changes";
    }

    @Override
    public void render(Html html) {
        for (ComparisonPage.Pair pair : pairs) {
            html.open("h3");
            SummarySection.swatch(html, pair.color());
            html.text(pair.label()).close("h3");
            html.open("table").open("tr").element("th", "figure", "class", "label").element("th", "baseline")
                    .element("th", "current").element("th", "change").element("th", "", "class", "label").close("tr");
            for (Figure figure : Figure.values()) {
                Change change = new Change(figure, figure.of(pair.baseline().result()), figure.of(pair.current().result()));
                if (change.baseline().isEmpty() && change.current().isEmpty()) {
                    continue;
                }
                Change.Verdict verdict = change.verdict();
                html.open("tr", "class", "figure-" + figure.name().toLowerCase(java.util.Locale.ROOT))
                        .element("td", figure.title() + (figure.unit().isEmpty() ? "" : " (" + figure.unit() + ")"),
                                "class", "label")
                        .element("td", value(figure, change.baseline()))
                        .element("td", value(figure, change.current()))
                        .element("td", change.percent())
                        .element("td", (change.arrow() + " " + verdict.word()).trim(), "class",
                                verdict == Change.Verdict.BETTER ? "label better"
                                        : verdict == Change.Verdict.WORSE ? "label worse" : "label")
                        .close("tr");
            }
            html.close("table");
        }
        html.element("p", TransportStats.latencyName(pairs.stream().map(ComparisonPage.Pair::current).toList())
                + " in ms from the planned send time. A change is judged on the values as shown; whether it "
                + "matters depends on how much the figure varies between runs of the same code: run the baseline "
                + "twice to see that.", "class", "note");
    }

    private static String value(Figure figure, java.util.OptionalDouble value) {
        return value.isPresent() ? figure.format(value.getAsDouble()) : "\u2013";
    }
}
