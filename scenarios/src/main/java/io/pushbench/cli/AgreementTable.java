package io.pushbench.cli;

import io.pushbench.core.result.Agreement;
import io.pushbench.core.result.AgreementCheck;

import java.io.PrintWriter;
import java.util.List;

/**
 * The cross-stack check printed under the summary table: for each transport measured by more than
 * one client stack, each stack's p50 and p99 beside the reference stack's, their ratios, and
 * whether they agree within {@link AgreementCheck}'s tolerance. Prints nothing when no transport
 * was measured twice.
 */
final class AgreementTable {

    private AgreementTable() {
    }

    static void print(PrintWriter out, List<Agreement> agreements) {
        if (agreements.isEmpty()) {
            return;
        }
        out.println();
        out.printf("client stacks against the reference stack, %s in ms: they agree when p50 and p99 are each "
                        + "within x%s..x%s of the reference or less than %.0f ms apart%n",
                agreements.get(0).metric(), AgreementCheck.MIN_RATIO, AgreementCheck.MAX_RATIO,
                AgreementCheck.ABSOLUTE_MICROS / 1000);
        String header = String.format("%-22s %-9s %9s %9s %7s %9s %9s %7s  %s",
                "transport", "reference", "p50", "ref p50", "ratio", "p99", "ref p99", "ratio", "agrees");
        out.println(header);
        out.println("-".repeat(header.length()));
        for (Agreement a : agreements) {
            out.printf("%-22s %-9s %9.3f %9.3f %7.2f %9.3f %9.3f %7.2f  %s%n",
                    a.transport().id() + "/" + a.client().id(), a.reference().id(),
                    a.p50Micros() / 1000, a.referenceP50Micros() / 1000, a.p50Ratio(),
                    a.p99Micros() / 1000, a.referenceP99Micros() / 1000, a.p99Ratio(),
                    a.agrees() ? "yes" : "NO: " + a.note());
        }
        long disagreeing = agreements.stream().filter(a -> !a.agrees()).count();
        if (disagreeing > 0) {
            out.println("!!! " + disagreeing + " measurement(s) disagree with the reference stack: at least one "
                    + "client stack measures itself as well as the server (agreement in result.json)");
        }
    }
}
