package io.pushbench.cli;

import io.pushbench.core.driver.BrowserOptions;
import io.pushbench.core.driver.browser.ChromiumExecutable;
import io.pushbench.core.result.BrowserSide;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;

import java.io.PrintWriter;
import java.util.List;

/**
 * What the commands do for {@code --clients browser}: check before anything runs that there is a
 * Chromium and that the transports can be spoken by a browser as asked, and print what the pages measured.
 */
final class BrowserStack {

    /** The option's help text, shared by the commands that take it. */
    static final String PAGES_HELP = "With --clients browser: pages (tabs) the connections are spread over, round "
            + "robin; each page reaches the server under a host name of its own. 0 gives each connection a page of its "
            + "own (a user with one tab), up to " + BrowserOptions.MAX_PAGES + ". Default: 0.";

    private BrowserStack() {
    }

    /**
     * Refuses a run with the browser stack that cannot work, before anything runs or is written.
     *
     * @throws UserError naming the missing browser and how to install it, or the option to add
     */
    static void check(RunSpec spec, int pages) {
        if (!spec.clients().contains(ClientStack.BROWSER)) {
            return;
        }
        try {
            ChromiumExecutable.find();
        } catch (ChromiumExecutable.MissingChromium e) {
            throw UserError.failure(e.getMessage());
        }
        if (spec.transports().contains(Transport.SSE_HTTP2) && !spec.tls()) {
            throw UserError.usage("--clients browser with sse-http2 needs --tls: a browser speaks HTTP/2 only over TLS");
        }
        try {
            new BrowserOptions(pages);
        } catch (IllegalArgumentException e) {
            throw UserError.usage("--" + e.getMessage());
        }
    }

    /** The table of what the browser's pages measured, when a result has it. */
    static void print(PrintWriter out, List<TransportResult> results) {
        List<TransportResult> browser = results.stream().filter(r -> r.browser() != null).toList();
        if (browser.isEmpty()) {
            return;
        }
        out.println();
        out.println("inside the browser (page clocks mapped onto pushbench's within +/- the clock bound):");
        out.printf("%-22s %5s %9s %9s %7s %7s %8s %10s %9s %9s %9s%n", "transport", "pages", "clock +/-", "streams",
                "opened", "waited", "never", "max wait", "handler", "loop p50", "loop p99");
        out.printf("%-22s %5s %9s %9s %7s %7s %8s %10s %9s %9s %9s%n", "", "", "ms", "asked", "", ">=1 s", "opened",
                "ms", "us/msg", "ms", "ms");
        for (TransportResult r : browser) {
            BrowserSide b = r.browser();
            out.printf("%-22s %5d %9.3f %9d %7d %7d %8d %10.1f %9.1f %9.2f %9.2f%n", r.label(), b.pages(),
                    b.clockErrorMillis(), b.streamsRequested(), b.streamsOpened(), b.streamsWaited(),
                    b.streamsNeverOpened(), b.maxWaitMillis(), b.handlerMicrosPerMessage(), b.loopDelayP50Millis(),
                    b.loopDelayP99Millis());
        }
    }
}
