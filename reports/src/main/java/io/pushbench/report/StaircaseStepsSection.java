package io.pushbench.report;

import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.spec.Ramp;

/** One transport's staircase, a row per step: offered and delivered rate, latency, and the verdict. */
final class StaircaseStepsSection implements Section {

    private final CapacityResult result;

    StaircaseStepsSection(CapacityResult result) {
        this.result = result;
    }

    @Override
    public String id() {
        return "steps-" + result.scenario().label().replace('/', '-');
    }

    @Override
    public String title() {
        return result.scenario().label();
    }

    @Override
    public void render(Html html) {
        html.element("p", result.verdict().summary());
        html.open("div", "class", "scroll").open("table", "class", "wrap").open("tr").element("th", "step");
        for (String[] column : new String[][] {{"offered", "msg/s"}, {"delivered", "msg/s"}, {"p50", "ms"},
            {"p99", "ms"}, {"p99.9", "ms"}, {"errors", "%"}}) {
            html.open("th").text(column[0]).element("span", column[1], "class", "unit").close("th");
        }
        html.element("th", "verdict", "class", "label").close("tr");
        for (CapacityResult.Step step : result.steps()) {
            LatencySummary latency = step.latency();
            boolean measured = latency != null && latency.count() > 0;
            html.open("tr").element("td", Integer.toString(step.index()))
                    .element("td", Ramp.format(step.rate()))
                    .element("td", StaircaseSummarySection.number(step.result().deliveredPerSecond(), 1))
                    .element("td", measured ? StaircaseSummarySection.number(latency.p50() / 1000, 3) : "-")
                    .element("td", measured ? StaircaseSummarySection.number(latency.p99() / 1000, 3) : "-")
                    .element("td", measured ? StaircaseSummarySection.number(latency.p999() / 1000, 3) : "-")
                    .element("td", StaircaseSummarySection.number(step.errorRate() * 100, 2))
                    .element("td", step.passed() ? "held" : "broke: " + String.join("; ", step.violations()),
                            "class", "label")
                    .close("tr");
        }
        html.close("table").close("div");
    }
}
