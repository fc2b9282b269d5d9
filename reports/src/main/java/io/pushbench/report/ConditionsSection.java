package io.pushbench.report;

import java.util.List;

/** What the run was and where it ran: the scenario's options beside the environment. */
final class ConditionsSection implements Section {

    private final List<Conditions.Row> rows;

    /** @param rows the run's conditions, as {@link Conditions} lists them */
    ConditionsSection(List<Conditions.Row> rows) {
        this.rows = rows;
    }

    @Override
    public String id() {
        return "conditions";
    }

    @Override
    public String title() {
        return "Conditions";
    }

    @Override
    public void render(Html html) {
        html.open("div", "class", "conditions");
        table(html, "Scenario", Conditions.group(rows, Conditions.SCENARIO));
        table(html, "Environment", Conditions.group(rows, Conditions.ENVIRONMENT));
        html.close("div");
    }

    private static void table(Html html, String heading, List<Conditions.Row> rows) {
        html.open("div").element("h3", heading).open("table");
        for (Conditions.Row row : rows) {
            html.open("tr").element("td", row.label(), "class", "label").element("td", row.value()).close("tr");
        }
        html.close("table").close("div");
    }
}
