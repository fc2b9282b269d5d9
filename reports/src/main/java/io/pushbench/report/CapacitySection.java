package io.pushbench.report;

import io.pushbench.core.result.CapacityResult;

/** The verdict of a capacity run in one line, and the capacity chart: latency and errors by load step. */
final class CapacitySection implements Section {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 460;

    private final CapacityResult run;

    CapacitySection(CapacityResult run) {
        this.run = run;
    }

    @Override
    public String id() {
        return "capacity";
    }

    @Override
    public String title() {
        return "Capacity";
    }

    @Override
    public void render(Html html) {
        CapacityResult.Verdict verdict = run.verdict();
        html.open("p", "class", "verdict").element("strong", verdict.summary()).close("p");
        if (run.steps().isEmpty()) {
            return;
        }
        html.image(ChartImage.draw(CapacityChart.draw(CapacityCurve.of(run)), WIDTH, HEIGHT));
        html.element("p", "Each step's figures cover its measured time only (after its warm-up). A step held when it "
                + "met every objective; the run stops at the first step that does not. The figures are in the "
                + "table below.", "class", "note");
    }
}
