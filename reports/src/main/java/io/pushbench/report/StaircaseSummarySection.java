package io.pushbench.report;

import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.spec.Ramp;

import java.util.List;
import java.util.Locale;

/** One row per transport: the highest step of its staircase that held, and what broke the step above. */
final class StaircaseSummarySection implements Section {

    private final List<CapacityResult> results;

    StaircaseSummarySection(List<CapacityResult> results) {
        this.results = results;
    }

    @Override
    public String id() {
        return "summary";
    }

    @Override
    public String title() {
        return "Highest sustained rate";
    }

    @Override
    public void render(Html html) {
        html.open("div", "class", "scroll").open("table", "class", "wrap").open("tr")
                .element("th", "transport", "class", "label");
        for (String[] column : new String[][] {{"offered", "msg/s"}, {"delivered", "msg/s"}, {"p50", "ms"},
            {"p99", "ms"}}) {
            html.open("th").text(column[0]).element("span", column[1], "class", "unit").close("th");
        }
        html.element("th", "next step broke on", "class", "label").element("th", "files", "class", "label").close("tr");
        for (CapacityResult r : results) {
            CapacityResult.Step held = step(r, r.verdict().heldStep());
            CapacityResult.Step broken = step(r, r.verdict().brokenStep());
            LatencySummary latency = held == null ? null : held.latency();
            boolean measured = latency != null && latency.count() > 0;
            String dir = ResultFiles.transportDirName(r.scenario().transport(), r.scenario().client());
            html.open("tr").element("td", r.scenario().label(), "class", "label")
                    .element("td", held == null ? "none held" : Ramp.format(held.rate()))
                    .element("td", held == null ? "-" : number(held.result().deliveredPerSecond(), 1))
                    .element("td", measured ? number(latency.p50() / 1000, 3) : "-")
                    .element("td", measured ? number(latency.p99() / 1000, 3) : "-")
                    .element("td", broken == null ? (r.interrupted() ? "interrupted" : "none broke")
                            : Ramp.format(broken.rate()) + " msg/s: " + String.join("; ", broken.violations()),
                            "class", "label")
                    .open("td", "class", "label").link(dir + "/" + ResultFiles.RESULT_JSON, dir + "/"
                            + ResultFiles.RESULT_JSON).close("td")
                    .close("tr");
        }
        html.close("table").close("div");
        html.element("p", "offered: messages published (or sent, for echo) per second at the highest step that held; "
                + "delivered: received by all subscribers together. A step breaks on the objective or when pushbench "
                + "itself was saturated: on one machine, that is the limit found. Each step's histogram log "
                + "(step-NN.hlog) is beside its result.json.", "class", "note");
    }

    static CapacityResult.Step step(CapacityResult r, int index) {
        return index == 0 ? null : r.steps().get(index - 1);
    }

    static String number(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
