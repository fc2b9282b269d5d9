package io.pushbench.report;

import io.pushbench.core.result.TransportResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The warnings shown at the top of a page, before any figure: anything that makes the figures
 * partial or doubtful: an interrupted run, a cut-off log, a saturated generator, connections that
 * did not open, clocks that disagree. Each check is a few lines below; a new flag of
 * {@code result.json} gets its banner by adding one check here.
 */
final class Banners {

    private Banners() {
    }

    /** The warnings for one run, in the order they should be read; empty when all is well. */
    static List<String> of(RunStats stats) {
        List<String> banners = new ArrayList<>();
        if (stats.run().interrupted()) {
            banners.add("This run was interrupted before it finished: its figures are partial, "
                    + "and transports that had not run yet are missing.");
        }
        if (stats.unfinished()) {
            banners.add("This run did not finish (the process was killed?): its figures are partial, and only the "
                    + "transports it completed are shown." + (stats.unreportedLogs().isEmpty() ? ""
                    : " Histogram logs on disk of transports it did not complete: "
                            + String.join(", ", stats.unreportedLogs()) + "."));
        }
        for (String log : stats.truncatedLogs()) {
            banners.add("The histogram log " + log + " ends in the middle of a record (the run was killed?): "
                    + "its charts show the intervals written before that.");
        }
        for (TransportStats t : stats.transports()) {
            banners.addAll(of(t.result()));
        }
        return banners;
    }

    private static List<String> of(TransportResult r) {
        List<String> banners = new ArrayList<>();
        String who = r.label() + ": ";
        TransportResult.Connections c = r.connections();
        if (c != null && c.opened() < c.requested()) {
            banners.add(who + String.format(Locale.ROOT, "only %,d of %,d connections opened", c.opened(), c.requested())
                    + (c.opened() == 0 ? "; it measured nothing." : "; its figures are for fewer connections than asked."));
        }
        if (r.selfHealth() != null && r.selfHealth().saturated()) {
            banners.add(who + "the load generator was saturated, so these figures may describe pushbench rather than "
                    + "the server: " + String.join("; ", r.selfHealth().reasons()) + ".");
        }
        TransportResult.Delivery d = r.delivery();
        if (d != null && d.negativeLatencies() > 0) {
            banners.add(who + String.format(Locale.ROOT, "%,d impossible latencies (received before sent) were "
                    + "left out: the send and receive clocks disagree.", d.negativeLatencies()));
        }
        return banners;
    }
}
