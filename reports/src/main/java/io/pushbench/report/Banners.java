package io.pushbench.report;

import io.pushbench.core.result.CapacityResult;
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

    /**
     * The warnings for a capacity run: interrupted, damaged or missing step logs, and each step in
     * which the generator was saturated. Connections refused in the step that broke are its
     * verdict, not a warning.
     */
    static List<String> of(CapacityStats stats) {
        List<String> banners = new ArrayList<>();
        if (stats.run().interrupted()) {
            banners.add("This run was interrupted before it finished: the steps it completed are judged, and the "
                    + "capacity may be higher than the verdict says.");
        }
        for (String log : stats.truncatedLogs()) {
            banners.add("The histogram log " + log + " ends in the middle of a record (the run was killed?): "
                    + "the latency over time shows the intervals written before that.");
        }
        for (String log : stats.missingLogs()) {
            banners.add("The histogram log " + log + " is missing: the latency over time leaves its step out; "
                    + "the step's figures are from result.json.");
        }
        if (stats.run().verdict().saturatedAtBreak()) {
            banners.add("pushbench itself was saturated in the step that broke, and a latency limit broke there: "
                    + "the limit found may be the generator's, not the server's.");
        }
        for (CapacityResult.Step step : stats.run().steps()) {
            TransportResult r = step.result();
            if (r.selfHealth() != null && r.selfHealth().saturated()) {
                banners.add(saturated("step " + step.index() + ": ", r));
            }
            if (r.delivery() != null && r.delivery().negativeLatencies() > 0) {
                banners.add(negativeLatencies("step " + step.index() + ": ", r.delivery()));
            }
        }
        return banners;
    }

    private static String saturated(String who, TransportResult r) {
        return who + "the load generator was saturated, so these figures may describe pushbench rather than "
                + "the server: " + String.join("; ", r.selfHealth().reasons()) + ".";
    }

    private static String negativeLatencies(String who, TransportResult.Delivery d) {
        return who + String.format(Locale.ROOT, "%,d impossible latencies (received before sent) were "
                + "left out: the send and receive clocks disagree.", d.negativeLatencies());
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
            banners.add(saturated(who, r));
        }
        TransportResult.Delivery d = r.delivery();
        if (d != null && d.negativeLatencies() > 0) {
            banners.add(negativeLatencies(who, d));
        }
        return banners;
    }
}
