package io.pushbench.report;

import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.GeneratorFloorResult;
import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.result.Metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One row per step of a capacity run, the columns the {@code capacity} command prints at its end:
 * connections asked for, TCP connections used and connections held, messages offered and received, latency, errors, connect time,
 * this process's memory per connection, and the verdict (with what broke).
 */
final class CapacityStepsSection implements Section {

    private static final List<String[]> COLUMNS = List.of(
            new String[] {"step", ""}, new String[] {"connections", ""}, new String[] {"TCP", "conns"},
            new String[] {"held", ""},
            new String[] {"offered", "msg/s"}, new String[] {"received", "msg/s"}, new String[] {"p50", "ms"},
            new String[] {"p99", "ms"}, new String[] {"p99.9", "ms"}, new String[] {"errors", "%"},
            new String[] {"connect p99", "ms"}, new String[] {"heap/conn", "KiB"}, new String[] {"RSS/conn", "KiB"});

    private final CapacityResult run;

    CapacityStepsSection(CapacityResult run) {
        this.run = run;
    }

    @Override
    public String id() {
        return "steps";
    }

    @Override
    public String title() {
        return "Steps";
    }

    @Override
    public void render(Html html) {
        html.open("div", "class", "scroll").open("table", "class", "wrap").open("tr");
        boolean floors = run.generatorFloors() != null && !run.generatorFloors().isEmpty();
        for (String[] column : floors ? withGeneratorCost() : COLUMNS) {
            html.open("th").text(column[0]).element("span", column[1], "class", "unit").close("th");
        }
        html.element("th", "verdict", "class", "label").close("tr");
        for (CapacityResult.Step step : run.steps()) {
            row(html, step, floors ? run : null);
        }
        html.close("table").close("div");
        boolean echo = !run.steps().isEmpty() && run.steps().get(0).result().latency().containsKey(Metrics.RTT_CORRECTED);
        html.element("p", (echo ? "Round-trip" : "Push") + " latency from the planned send time. TCP conns: TCP connections "
                + "opened so far (fewer than connections where HTTP/2 streams share them). Held: connections "
                + "open throughout the step. Errors: the larger of the share of connections not held and the share "
                + "of messages lost. Connect p99: of the connections the step opened. Heap and RSS per connection: "
                + "pushbench's own, above the level before the first connection (heap includes garbage).",
                "class", "note");
        if (floors) {
            GeneratorFloorResult any = run.generatorFloors().values().iterator().next();
            StringBuilder note = new StringBuilder("pushbench CPU: the whole process's CPU per " + any.perWhat()
                    + " (the server runs elsewhere). \u00D7 generator floor: that as a multiple of what a "
                    + any.description() + " (Netty, no send schedule, no recording) spent per " + any.perWhat()
                    + ", measured for a few seconds after the step at its connections and rate; blank where not "
                    + "measured.");
            run.generatorFloors().forEach((index, floor) -> floor.problems().forEach(problem ->
                    note.append(" Step ").append(index).append("'s floor: ").append(problem).append('.')));
            html.element("p", note.toString(), "class", "note");
        }
        CapacityResult.Step last = run.steps().isEmpty() ? null : run.steps().get(run.steps().size() - 1);
        if (last != null && !last.passed() && !last.result().errors().isEmpty()) {
            html.element("p", "Errors in step " + last.index() + ": " + last.result().errors().entrySet().stream()
                    .map(e -> e.getKey() + " \u00D7" + e.getValue()).collect(Collectors.joining(", "))
                    + (last.firstError() != null ? "; the first: " + last.firstError() : ""), "class", "note");
        }
    }

    /** The columns with the generator's CPU per message and its multiple of the generator floor. */
    private static List<String[]> withGeneratorCost() {
        List<String[]> columns = new ArrayList<>(COLUMNS);
        columns.add(new String[] {"pushbench CPU", "\u00B5s/msg"});
        columns.add(new String[] {"\u00D7 generator floor", ""});
        return columns;
    }

    /** @param floors the run when it measured generator floors, else null: then no generator cost columns */
    private static void row(Html html, CapacityResult.Step step, CapacityResult floors) {
        LatencySummary latency = step.latency();
        boolean measured = latency != null && latency.count() > 0;
        LatencySummary connect = step.result().latency().get(Metrics.CONNECT);
        html.open("tr");
        html.element("td", Integer.toString(step.index()));
        html.element("td", String.format(Locale.ROOT, "%,d", step.connections()));
        html.element("td", String.format(Locale.ROOT, "%,d", step.result().connections().tcpConnections()));
        html.element("td", String.format(Locale.ROOT, "%,d", step.held()));
        html.element("td", step.rate() > 0 ? String.format(Locale.ROOT, "%,.0f", step.rate()) : "\u2013");
        html.element("td", String.format(Locale.ROOT, "%,.1f", step.result().deliveredPerSecond()));
        html.element("td", measured ? millis(latency.p50()) : "\u2013");
        html.element("td", measured ? millis(latency.p99()) : "\u2013");
        html.element("td", measured ? millis(latency.p999()) : "\u2013");
        html.element("td", String.format(Locale.ROOT, "%.2f", step.errorRate() * 100));
        html.element("td", connect != null && connect.count() > 0 ? millis(connect.p99()) : "\u2013");
        html.element("td", kib(step.memory() == null ? -1 : step.memory().heapBytesPerConnection()));
        html.element("td", kib(step.memory() == null ? -1 : step.memory().rssBytesPerConnection()));
        if (floors != null) {
            GeneratorFloorResult floor = floors.generatorFloorOf(step);
            double multiple = floor == null ? -1 : floor.multipleOf(step.result());
            html.element("td", step.result().selfHealth() == null ? "\u2013"
                    : String.format(Locale.ROOT, "%,.1f", step.result().selfHealth().generatorCpuMicrosPerMessage()));
            html.element("td", multiple < 0 ? "\u2013" : String.format(Locale.ROOT, "%,.1f", multiple));
        }
        html.open("td", "class", step.passed() ? "label better" : "label worse")
                .text(step.passed() ? "held" : "broke: " + String.join("; ", step.violations()));
        if (step.result().selfHealth() != null && step.result().selfHealth().saturated()) {
            html.raw(" ").element("span", "saturated", "class", "flag",
                    "title", "the load generator was saturated: see the warning at the top");
        }
        html.close("td").close("tr");
    }

    private static String millis(double micros) {
        return String.format(Locale.ROOT, "%,.3f", micros / 1000);
    }

    private static String kib(double bytes) {
        return bytes < 0 ? "\u2013" : String.format(Locale.ROOT, "%,.1f", bytes / 1024);
    }
}
