package io.pushbench.report;

import io.pushbench.core.result.BrowserSide;

import java.util.List;
import java.util.Locale;

/**
 * What the browser client stack measured inside its pages, one row per browser transport: the bound on the
 * error of mapping the page clock onto pushbench's, how the subscriptions opened (the browser's limit of 6
 * HTTP/1.1 connections per host holds the rest back), and what handling the messages cost the page. Only for
 * runs with {@code --clients browser}.
 */
final class BrowserSection implements Section {

    private final List<TransportStats> transports;

    BrowserSection(List<TransportStats> transports) {
        this.transports = transports.stream().filter(t -> t.result().browser() != null).toList();
    }

    /** Whether any transport ran with the browser stack. */
    static boolean hasData(List<TransportStats> transports) {
        return transports.stream().anyMatch(t -> t.result().browser() != null);
    }

    @Override
    public String id() {
        return "browser";
    }

    @Override
    public String title() {
        return "Inside the browser";
    }

    @Override
    public void render(Html html) {
        html.open("div", "class", "scroll").open("table").open("tr").element("th", "transport", "class", "label");
        for (String[] column : List.of(new String[] {"pages", ""}, new String[] {"clock \u00B1", "ms"},
                new String[] {"streams asked", ""}, new String[] {"opened", ""}, new String[] {"waited \u2265 1 s", ""},
                new String[] {"never opened", ""}, new String[] {"max wait", "ms"},
                new String[] {"handler", "\u00B5s/msg"}, new String[] {"event loop p50", "ms"},
                new String[] {"p99", "ms"}, new String[] {"max", "ms"})) {
            html.open("th").text(column[0]).element("span", column[1], "class", "unit").close("th");
        }
        html.close("tr");
        for (TransportStats t : transports) {
            BrowserSide b = t.result().browser();
            html.open("tr").element("td", t.label(), "class", "label");
            html.element("td", Integer.toString(b.pages()));
            html.element("td", format("%.3f", b.clockErrorMillis()));
            html.element("td", Integer.toString(b.streamsRequested()));
            html.element("td", Integer.toString(b.streamsOpened()));
            html.element("td", Integer.toString(b.streamsWaited()));
            html.element("td", Integer.toString(b.streamsNeverOpened()));
            html.element("td", format("%,.1f", b.maxWaitMillis()));
            html.element("td", format("%,.1f", b.handlerMicrosPerMessage()));
            html.element("td", format("%.2f", b.loopDelayP50Millis()));
            html.element("td", format("%.2f", b.loopDelayP99Millis()));
            html.element("td", format("%.2f", b.loopDelayMaxMillis())).close("tr");
        }
        html.close("table").close("div");
        html.element("p", "Headless Chromium: each page subscribes with the browser's own WebSocket, EventSource or "
                + "fetch, stamps every message with performance.now() as its handler starts, and streams the records "
                + "back. clock \u00B1: bound on the error of every page time mapped onto pushbench's clock (half the "
                + "shortest round trip of the NTP-style estimates before and after the run, plus their difference); "
                + "every latency of these rows carries it. Streams: subscriptions the pages asked for, how many "
                + "opened, how many only after waiting a second or more, and how many never did (a browser holds at "
                + "most 6 HTTP/1.1 connections per host; an EventSource keeps one for as long as it is open). "
                + "handler: time in the message handlers per message; event loop: how late a task asked for every "
                + "20 ms ran on the page, the wait any message handler has too.", "class", "note");
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }
}
