package io.pushbench.cli;

import io.pushbench.core.engine.CapacityRun;
import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.spec.Ramp;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The table printed at the end of {@code compare} with a rate staircase: one row per transport
 * and client stack, with the highest step that held, what it delivered, its latency, and what
 * broke the step above it.
 */
final class StaircaseTable {

    private StaircaseTable() {
    }

    static void print(PrintWriter out, List<CapacityResult> results) {
        if (results.isEmpty()) {
            return;
        }
        out.println();
        out.println("highest sustained rate per transport: the highest step that held; latency in ms from the "
                + "planned send time");
        String header = String.format(Locale.ROOT, "%-22s %10s %13s %9s %9s  %s", "transport", "offered/s",
                "delivered/s", "p50", "p99", "next step broke on");
        out.println(header);
        out.println("-".repeat(header.length()));
        for (CapacityResult r : results) {
            CapacityResult.Step held = step(r, r.verdict().heldStep());
            CapacityResult.Step broken = step(r, r.verdict().brokenStep());
            LatencySummary latency = held == null ? null : held.latency();
            boolean measured = latency != null && latency.count() > 0;
            out.printf(Locale.ROOT, "%-22s %10s %13s %9s %9s  %s%n", r.scenario().label(),
                    held == null ? "none" : Ramp.format(held.rate()),
                    held == null ? "-" : String.format(Locale.ROOT, "%.1f", held.result().deliveredPerSecond()),
                    measured ? ms(latency.p50()) : "-", measured ? ms(latency.p99()) : "-", nextStep(r, broken));
        }
        out.println("offered/s: messages published (or sent, for echo) per second; delivered/s: received by all "
                + "subscribers together");
    }

    /** Why the staircase stopped: the broken step's rate and violations, shortened. */
    private static String nextStep(CapacityResult r, CapacityResult.Step broken) {
        if (broken == null) {
            return r.interrupted() ? "(interrupted)" : "(none broke: raise the top of the ramp)";
        }
        List<String> why = broken.violations().stream()
                .map(v -> v.startsWith(CapacityRun.SATURATED) ? "saturated" : v).toList();
        return Ramp.format(broken.rate()) + ": " + String.join("; ", why);
    }

    private static CapacityResult.Step step(CapacityResult r, int index) {
        return index == 0 ? null : r.steps().get(index - 1);
    }

    private static String ms(double micros) {
        return String.format(Locale.ROOT, "%.3f", micros / 1000);
    }
}
