package io.pushbench.core.result;

import io.pushbench.core.spec.Workload;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the client stacks that measured the same transport in one run: for each transport
 * measured by more than one stack, each stack's p50 and p99 (corrected push latency, or corrected
 * round trip for echo) against the reference stack's (Netty's, or the first that ran).
 *
 * <h2>Tolerance</h2>
 * A percentile agrees when its ratio to the reference is within
 * [{@value #MIN_RATIO}, {@value #MAX_RATIO}] (bounds included) <em>or</em> the two differ by less
 * than {@value #ABSOLUTE_MICROS} µs; a stack agrees when both its p50 and p99 do. Why these:
 * <ul>
 *   <li><b>A factor of two</b>: the stacks run one after the other against fresh servers, so each
 *       comparison includes run-to-run variance, which for a p99 on a shared two-core machine is
 *       often 30-50%; and each stack legitimately adds its own cost (a thread hand-off, a blocking
 *       read). A measurement fault is larger than that: a client that queues, batches writes
 *       (Nagle's 40 ms with delayed ACKs), or measures from the actual instead of the planned send
 *       time under a stall shows up as several times the reference.</li>
 *   <li><b>1 ms absolute</b>: below a millisecond, ratios mean little. 80 µs against 200 µs is a
 *       factor of 2.5 but only 120 µs of client overhead, well inside what a scheduler tick or a
 *       thread wake-up costs; it says nothing against the server's figure.</li>
 * </ul>
 * A stack or reference that recorded no latency at all does not agree (there is nothing to compare).
 * When either run was saturated ({@link SelfHealth#saturated()}), a disagreement's note says so:
 * the generator falling behind moves percentiles by more than any stack does.
 *
 * <p>Thread-safe: stateless.
 */
public final class AgreementCheck {

    /** Smallest ratio to the reference that agrees. */
    public static final double MIN_RATIO = 0.5;
    /** Largest ratio to the reference that agrees. */
    public static final double MAX_RATIO = 2.0;
    /** A difference from the reference below this agrees whatever the ratio, microseconds. */
    public static final double ABSOLUTE_MICROS = 1000;

    private AgreementCheck() {
    }

    /**
     * One {@link Agreement} per non-reference stack of each transport measured by more than one stack,
     * in the order the results ran; empty when no transport was measured twice.
     */
    public static List<Agreement> of(List<TransportResult> results) {
        Map<Transport, List<TransportResult>> byTransport = new LinkedHashMap<>();
        for (TransportResult r : results) {
            byTransport.computeIfAbsent(r.transport(), t -> new ArrayList<>()).add(r);
        }
        List<Agreement> agreements = new ArrayList<>();
        for (List<TransportResult> measured : byTransport.values()) {
            if (measured.size() < 2) {
                continue;
            }
            TransportResult reference = measured.stream().filter(r -> r.client() == ClientStack.NETTY)
                    .findFirst().orElse(measured.get(0));
            for (TransportResult r : measured) {
                if (r != reference) {
                    agreements.add(compare(r, reference));
                }
            }
        }
        return agreements;
    }

    /** How {@code result} compares with {@code reference}, which measured the same transport. */
    public static Agreement compare(TransportResult result, TransportResult reference) {
        String metric = result.workload() == Workload.ECHO ? Metrics.RTT_CORRECTED : Metrics.PUSH_CORRECTED;
        LatencySummary mine = result.latency().get(metric);
        LatencySummary theirs = reference.latency().get(metric);
        if (mine == null || theirs == null || mine.count() == 0 || theirs.count() == 0) {
            LatencySummary none = new LatencySummary(0, 0, 0, 0, 0, 0, 0);
            mine = mine == null ? none : mine;
            theirs = theirs == null ? none : theirs;
            return new Agreement(result.transport(), result.client(), reference.client(), metric,
                    mine.p50(), theirs.p50(), 0, mine.p99(), theirs.p99(), 0, false,
                    (mine.count() == 0 ? result.label() : reference.label()) + " recorded no " + metric + " latency");
        }
        boolean p50Agrees = agrees(mine.p50(), theirs.p50());
        boolean p99Agrees = agrees(mine.p99(), theirs.p99());
        String note = "";
        if (!p50Agrees || !p99Agrees) {
            note = (p50Agrees ? "p99" : p99Agrees ? "p50" : "p50 and p99") + " outside x" + MIN_RATIO + "..x"
                    + MAX_RATIO + " of " + reference.client().id() + " and more than " + (long) ABSOLUTE_MICROS
                    + " us apart" + saturation(result, reference);
        }
        return new Agreement(result.transport(), result.client(), reference.client(), metric,
                mine.p50(), theirs.p50(), ratio(mine.p50(), theirs.p50()),
                mine.p99(), theirs.p99(), ratio(mine.p99(), theirs.p99()),
                p50Agrees && p99Agrees, note);
    }

    /** Names the saturated runs among the two, which may explain a disagreement; empty when neither was. */
    private static String saturation(TransportResult result, TransportResult reference) {
        List<String> saturated = new ArrayList<>();
        for (TransportResult r : List.of(reference, result)) {
            if (r.selfHealth() != null && r.selfHealth().saturated()) {
                saturated.add(r.label());
            }
        }
        return saturated.isEmpty() ? "" : "; saturated run: " + String.join(", ", saturated)
                + " (the generator, not the stack, may explain it)";
    }

    /** Whether {@code value} agrees with {@code reference} (both in microseconds) within the tolerance. */
    static boolean agrees(double value, double reference) {
        if (Math.abs(value - reference) < ABSOLUTE_MICROS) {
            return true;
        }
        // The exact ratio decides; the rounded one is only for reading.
        return reference > 0 && value >= MIN_RATIO * reference && value <= MAX_RATIO * reference;
    }

    /** {@code value / reference} rounded to three decimals; 0 for a reference of 0. */
    private static double ratio(double value, double reference) {
        return reference == 0 ? 0 : Math.round(value / reference * 1000) / 1000.0;
    }
}
