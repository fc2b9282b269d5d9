package io.pushbench.core.gate;

import io.pushbench.core.spec.Ramp;
import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.spec.Slo;
import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.RunResult;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The thresholds of {@code --assert}: what a run must meet for the build to pass, as k6's
 * thresholds or Gatling's assertions. Written as comma-separated objectives in the language of
 * {@code --slo} ({@link Slo}: {@code p99<5ms}, {@code errors<0.1%}, {@code lost=0},
 * {@code cpu-per-msg<50us}, ...), each for every transport of the run or, after a transport's
 * name and a colon, for one: {@code websocket:p99<5ms,sse-http2:p99<2ms,lost=0}. Unlike an
 * {@code --slo}, no error budget is added: only what is written is checked.
 *
 * <p>What is judged:
 * <ul>
 *   <li>a {@code compare} run: each transport's figures over its measured phase;</li>
 *   <li>a capacity staircase ({@code capacity}, or {@code compare --rate FROM..TO}): the step that held
 *       at the capacity found (the highest step that met the {@code --slo}), or the first step when none
 *       held; and {@code capacity>=N} (or {@code >}) checks the capacity found itself, in connections or
 *       messages per second, whichever the staircase raised.</li>
 * </ul>
 * A figure the run did not measure breaks its threshold. The outcome is one {@link Check} per
 * transport and threshold. Immutable.
 *
 * @param thresholds the thresholds, in the order written
 */
public record Thresholds(List<Threshold> thresholds) {

    /** The field of {@code result.json} that holds the checks of a run's thresholds. */
    public static final String RESULT_FIELD = "thresholds";

    private static final Pattern SCOPED = Pattern.compile("\\s*([a-z0-9-]+(?:/[a-z0-9]+)?)\\s*:(.*)", Pattern.DOTALL);
    private static final Pattern CAPACITY = Pattern.compile("\\s*capacity\\s*(>=|>)\\s*(\\d+(?:\\.\\d+)?)\\s*");

    public Thresholds {
        thresholds = List.copyOf(thresholds);
        if (thresholds.isEmpty()) {
            throw new IllegalArgumentException("no threshold given, e.g. p99<10ms,lost=0");
        }
    }

    /**
     * Reads thresholds such as {@code websocket:p99<5ms,errors<0.1%}.
     *
     * @throws IllegalArgumentException quoting the threshold that is wrong and saying what is valid
     */
    public static Thresholds parse(String text) {
        List<Threshold> thresholds = new ArrayList<>();
        for (String part : text.toLowerCase(Locale.ROOT).split(",", -1)) {
            String scope = null;
            String objective = part;
            Matcher scoped = SCOPED.matcher(part);
            if (scoped.matches()) {
                scope = scoped.group(1);
                objective = scoped.group(2);
                checkScope(scope, part);
            }
            Matcher capacity = CAPACITY.matcher(objective);
            if (capacity.matches()) {
                thresholds.add(new Threshold.OnCapacity(scope, Double.parseDouble(capacity.group(2)),
                        capacity.group(1).equals(">=")));
            } else if (objective.strip().startsWith("capacity")) {
                throw new IllegalArgumentException("'" + part.strip() + "': write the capacity wanted as capacity>=N "
                        + "(connections or msg/s, whichever the staircase raises)");
            } else {
                thresholds.add(new Threshold.OnFigure(scope, Slo.Objective.parse(objective)));
            }
        }
        return new Thresholds(thresholds);
    }

    private static void checkScope(String scope, String part) {
        int slash = scope.indexOf('/');
        try {
            Transport.fromId(slash < 0 ? scope : scope.substring(0, slash));
            if (slash >= 0) {
                ClientStack.fromId(scope.substring(slash + 1));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + part.strip() + "': " + e.getMessage());
        }
    }

    /** Whether any threshold is on the capacity a staircase finds ({@code capacity>=N}). */
    public boolean onCapacity() {
        return thresholds.stream().anyMatch(t -> t instanceof Threshold.OnCapacity);
    }

    /**
     * Checks, before a run, that every threshold for one transport is for a transport the run measures.
     *
     * @param labels the labels of what the run measures, e.g. {@code websocket}, {@code sse-http2/jetty}
     * @throws IllegalArgumentException naming the first threshold for none of them
     */
    public void requireSubjects(List<String> labels) {
        for (Threshold t : thresholds) {
            if (t.scope() != null && labels.stream().noneMatch(t::appliesTo)) {
                throw new IllegalArgumentException("'" + t.text() + "': " + t.scope() + " is not measured by this "
                        + "run (it measures " + String.join(", ", labels) + ")");
            }
        }
    }

    /**
     * Judges each transport of a compare run, in the order they were planned; a transport the run
     * did not reach (it was stopped) fails each of its thresholds.
     */
    public List<Check> check(RunResult run) {
        Set<String> labels = new LinkedHashSet<>(run.scenario() == null ? List.of() : labels(run.scenario()));
        run.results().forEach(r -> labels.add(r.label()));
        List<Check> checks = new ArrayList<>();
        for (String label : labels) {
            TransportResult result = run.results().stream().filter(r -> r.label().equals(label)).findFirst()
                    .orElse(null);
            for (Threshold t : thresholds) {
                if (!t.appliesTo(label)) {
                    continue;
                }
                if (result == null) {
                    checks.add(new Check(label, t.objectiveText(), Check.Status.FAILED,
                            "not measured: the run ended before " + label + " ran"));
                } else if (t instanceof Threshold.OnFigure f) {
                    checks.add(check(label, f.objective(), result, errorRate(result), ""));
                } else {
                    checks.add(new Check(label, t.objectiveText(), Check.Status.FAILED,
                            "not measured: only a staircase (a --rate or --connections ramp) finds a capacity"));
                }
            }
        }
        return checks;
    }

    /**
     * Judges a capacity staircase: figures at the step that held at the capacity found (or the first
     * step, when none held), and {@code capacity>=N} against the capacity found.
     */
    public List<Check> check(CapacityResult run) {
        String label = run.scenario().label();
        CapacityResult.Step judged = judgedStep(run);
        List<Check> checks = new ArrayList<>();
        for (Threshold t : thresholds) {
            if (!t.appliesTo(label)) {
                continue;
            }
            if (t instanceof Threshold.OnCapacity c) {
                checks.add(checkCapacity(label, c, run));
            } else if (judged == null) {
                checks.add(new Check(label, t.objectiveText(), Check.Status.FAILED, "not measured: no step completed"));
            } else {
                String where = "step " + judged.index() + (judged.passed() ? "" : ", none held") + ": ";
                checks.add(check(label, ((Threshold.OnFigure) t).objective(), judged.result(), judged.errorRate(),
                        where));
            }
        }
        return checks;
    }

    private static Check check(String label, Slo.Objective objective, TransportResult result, double errorRate,
                               String where) {
        String failure = objective.check(result, errorRate);
        return failure == null
                ? new Check(label, objective.text(), Check.Status.PASSED, where + objective.measured(result, errorRate))
                : new Check(label, objective.text(), Check.Status.FAILED, where + failure);
    }

    private static Check checkCapacity(String label, Threshold.OnCapacity threshold, CapacityResult run) {
        CapacityResult.Verdict verdict = run.verdict();
        String unit = "rate".equals(verdict.dimension()) ? " msg/s" : " connections";
        String found = "capacity " + Ramp.format(verdict.capacity()) + unit;
        if (verdict.heldStep() == 0) {
            found = "capacity 0: " + (run.steps().isEmpty() ? "no step completed" : "no step held");
        }
        if (threshold.allows(verdict.capacity())) {
            return new Check(label, threshold.objectiveText(), Check.Status.PASSED, found);
        }
        return new Check(label, threshold.objectiveText(), Check.Status.FAILED,
                found + " " + (threshold.inclusive() ? "<" : "<=") + " " + Ramp.format(threshold.minimum()));
    }

    /** The step a staircase's figures are judged at: the one that held at its capacity, else the first; null if none ran. */
    private static CapacityResult.Step judgedStep(CapacityResult run) {
        int held = run.verdict().heldStep();
        return run.steps().stream().filter(s -> s.index() == held).findFirst()
                .orElse(run.steps().isEmpty() ? null : run.steps().get(0));
    }

    /**
     * A compare run's error rate, 0 .. 1, as {@code errors} judges it: the larger of the share of
     * connections that failed to open or were lost (each reconnect counted, at most once per
     * connection) and the share of expected messages lost.
     */
    public static double errorRate(TransportResult result) {
        TransportResult.Connections c = result.connections();
        double connections = c == null || c.requested() == 0 ? 0
                : Math.min(1, (Math.max(0, c.requested() - c.opened()) + Math.min(c.reconnects(), c.opened()))
                        / (double) c.requested());
        TransportResult.Delivery d = result.delivery();
        double messages = d == null || d.expected() == 0 ? 0 : (double) d.lost() / d.expected();
        return Math.max(connections, messages);
    }

    /**
     * The labels of what a compare run measures, in the order it runs them: each transport with each client stack,
     * e.g. {@code websocket} and {@code websocket/okhttp} (the stack is named when it is not Netty).
     */
    public static List<String> labels(RunSpec spec) {
        List<String> labels = new ArrayList<>();
        for (Transport t : spec.transports()) {
            for (ClientStack c : spec.clients()) {
                labels.add(c == ClientStack.NETTY ? t.id() : t.id() + "/" + c.id());
            }
        }
        return labels;
    }

    /** The thresholds as {@link #parse} reads them. */
    public String text() {
        return thresholds.stream().map(Threshold::text).collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return text();
    }
}
