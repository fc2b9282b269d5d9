package io.pushbench.report;

import java.util.List;

/** How latency and throughput went second by second, from the histogram logs. */
final class TimelineSection implements Section {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 420;

    private final List<TransportStats> transports;

    TimelineSection(List<TransportStats> transports) {
        this.transports = transports;
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
        html.image(ChartImage.draw(TimelineCharts.latency(TransportStats.latencyName(transports) + " over time",
                transports), WIDTH, HEIGHT));
        html.image(ChartImage.draw(TimelineCharts.throughput(transports), WIDTH, HEIGHT));
        html.element("p", "Each point is the end of one interval of the histogram log, from the first interval "
                + "that measured a message to the last. The first and the last interval cover only part of "
                + "the measured phase (it starts after the warm-up, and ends with the drain), so their "
                + "throughput reads low.", "class", "note");
    }
}
