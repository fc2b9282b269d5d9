package io.pushbench.report;

import java.util.List;

/** A capacity run's latency second by second across its steps, from the step logs. */
final class CapacityTimelineSection implements Section {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 420;

    private final List<TransportStats> steps;
    private final int brokenStep;

    /** @param brokenStep the position (from 1) of the step that broke, 0 when none did */
    CapacityTimelineSection(List<TransportStats> steps, int brokenStep) {
        this.steps = steps;
        this.brokenStep = brokenStep;
    }

    @Override
    public String id() {
        return "timeline";
    }

    @Override
    public String title() {
        return "Over time";
    }

    @Override
    public void render(Html html) {
        html.image(ChartImage.draw(TimelineCharts.acrossSteps(TransportStats.latencyName(steps) + " over time",
                steps, brokenStep), WIDTH, HEIGHT));
        html.element("p", "Each point is the end of one interval of a step's histogram log. Within a step the "
                + "latency should stay flat; one that climbs during the step is a queue filling up, and a longer "
                + "step would have broken sooner.", "class", "note");
    }
}
