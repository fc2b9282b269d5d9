package io.pushbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The conditions of both runs side by side; rows that differ are marked. */
final class ComparisonConditionsSection implements Section {

    /** Conditions that always differ between two runs, so not worth a warning. */
    private static final Set<String> EXPECTED_TO_DIFFER = Set.of("started", "finished");
    /** Conditions whose differences the page already warns about transport by transport. */
    private static final Set<String> MATCHED_BY_TRANSPORT = Set.of("name", "transports", "client stacks");

    private final RunStats baseline;
    private final RunStats current;

    ComparisonConditionsSection(RunStats baseline, RunStats current) {
        this.baseline = baseline;
        this.current = current;
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
        Map<String, String[]> rows = rows(Conditions.of(baseline.run()), Conditions.of(current.run()));
        html.open("table", "class", "wrap").open("tr").element("th", "", "class", "label").element("th", "baseline", "class", "label")
                .element("th", "current", "class", "label").close("tr");
        rows.forEach((label, values) -> {
            boolean differs = !Objects.equals(values[0], values[1]) && !EXPECTED_TO_DIFFER.contains(label);
            html.open("tr", "class", differs ? "differs" : null).element("td", label, "class", "label")
                    .element("td", dash(values[0]), "class", "label").element("td", dash(values[1]), "class", "label")
                    .close("tr");
        });
        html.close("table");
        html.element("p", "Highlighted: conditions that differ between the runs.", "class", "note");
    }

    /** The scenario options (not its name, transports, times or the environment) whose values differ between the runs. */
    static List<String> differingScenarioOptions(RunStats baseline, RunStats current) {
        Map<String, String[]> rows = rows(Conditions.of(baseline.run(), Conditions.SCENARIO),
                Conditions.of(current.run(), Conditions.SCENARIO));
        List<String> differing = new ArrayList<>();
        rows.forEach((label, values) -> {
            if (!MATCHED_BY_TRANSPORT.contains(label) && !EXPECTED_TO_DIFFER.contains(label)
                    && !Objects.equals(values[0], values[1])) {
                differing.add(label);
            }
        });
        return differing;
    }

    /** Label to {baseline value, current value}, in the order of the conditions; a value is null when a run lacks it. */
    private static Map<String, String[]> rows(List<Conditions.Row> baseline, List<Conditions.Row> current) {
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (Conditions.Row row : baseline) {
            rows.computeIfAbsent(row.label(), l -> new String[2])[0] = row.value();
        }
        for (Conditions.Row row : current) {
            rows.computeIfAbsent(row.label(), l -> new String[2])[1] = row.value();
        }
        return rows;
    }

    private static String dash(String value) {
        return value == null ? "\u2013" : value;
    }
}
