package io.pushbench.report;

import io.pushbench.core.result.GeneratorFloorResult;

import java.util.List;
import java.util.Locale;

/**
 * What pushbench itself costs against the least a client can pay: the run's generator floor (a
 * bare Netty client at the same load, {@link GeneratorFloorResult}) in its first row, then each
 * transport's generator CPU per message and its multiple of the floor's. Only for runs that
 * measured one.
 */
final class GeneratorFloorSection implements Section {

    private final List<TransportStats> transports;
    private final GeneratorFloorResult floor;

    /** @param floor the run's generator floor, not null ({@link #hasData}) */
    GeneratorFloorSection(List<TransportStats> transports, GeneratorFloorResult floor) {
        this.transports = transports;
        this.floor = floor;
    }

    /** Whether the run measured a generator floor (files written before it existed did not). */
    static boolean hasData(GeneratorFloorResult floor) {
        return floor != null && floor.client() != null;
    }

    @Override
    public String id() {
        return "generator-cost";
    }

    @Override
    public String title() {
        return "Generator cost";
    }

    @Override
    public void render(Html html) {
        html.open("div", "class", "scroll").open("table").open("tr").element("th", "client", "class", "label");
        for (String[] column : List.of(new String[] {"client CPU", "\u00B5s/msg"}, new String[] {"server CPU", "\u00B5s/msg"},
                new String[] {"\u00D7 floor", ""})) {
            html.open("th").text(column[0]).element("span", column[1], "class", "unit").close("th");
        }
        html.close("tr");
        html.open("tr", "class", "floor").open("td", "class", "label");
        SummarySection.swatch(html, Palette.FLOOR);
        html.text("generator floor: " + floor.description());
        if (!floor.problems().isEmpty()) {
            html.raw(" ").element("span", "check", "class", "flag", "title", String.join("; ", floor.problems()));
        }
        html.close("td");
        html.element("td", micros(floor.cpuMicrosPerMessage()));
        html.element("td", micros(floor.serverCpuMicrosPerMessage()));
        html.element("td", "1.0").close("tr");
        for (int row = 0; row < transports.size(); row++) {
            TransportStats t = transports.get(row);
            html.open("tr").open("td", "class", "label");
            SummarySection.swatch(html, Palette.color(row));
            html.text(t.label()).close("td");
            boolean delivered = t.result().delivery() != null && t.result().delivery().received() > 0;
            html.element("td", t.result().selfHealth() == null || !delivered ? "\u2013"
                    : micros(t.result().selfHealth().generatorCpuMicrosPerMessage()));
            html.element("td", t.result().selfHealth() == null || !delivered ? "\u2013"
                    : micros(t.result().selfHealth().serverCpuMicrosPerMessage()));
            double multiple = floor.multipleOf(t.result());
            html.element("td", multiple < 0 ? "\u2013" : String.format(Locale.ROOT, "%,.1f", multiple)).close("tr");
        }
        html.close("table").close("div");
        html.element("p", String.format(Locale.ROOT, "CPU per %s. Generator floor: a %s (Netty, one event loop; no "
                + "send schedule, no envelope stamped per message, no latency recording) against the same server at "
                + "the same rate (%,.0f msg/s), message size (%d B) and connections (%d), for %.1f s after the "
                + "transports ran (%,d %ss). Its client CPU is the process's%s, less the JIT compiler's; a "
                + "transport's is pushbench's generator CPU, counted the same way but with the compiler's. "
                + "\u00D7 floor: the transport's as a multiple of the floor's; near 1, pushbench costs what any "
                + "client would.", floor.perWhat(), floor.description(), floor.rate(), floor.messageSize(),
                floor.connections(), floor.measuredSeconds(), floor.received(), floor.perWhat(),
                floor.serverCpuMillis() < 0 ? " (the server runs in another process)"
                        : " less the in-process server's threads")
                + (floor.problems().isEmpty() ? "" : " Check: " + String.join("; ", floor.problems()) + "."),
                "class", "note");
    }

    private static String micros(double value) {
        return value < 0 ? "\u2013" : String.format(Locale.ROOT, "%,.1f", value);
    }
}
