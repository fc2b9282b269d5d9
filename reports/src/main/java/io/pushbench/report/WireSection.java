package io.pushbench.report;

import java.util.List;

/** Bytes on the wire per message: what each transport costs beyond the payload. */
final class WireSection implements Section {

    private static final int WIDTH = 1000;

    private final List<TransportStats> transports;

    WireSection(List<TransportStats> transports) {
        this.transports = transports;
    }

    @Override
    public String id() {
        return "wire";
    }

    @Override
    public String title() {
        return "Bytes on the wire";
    }

    @Override
    public void render(Html html) {
        html.image(ChartImage.draw(WireChart.create(transports), WIDTH, WireChart.height(transports)));
    }
}
