package io.pushbench.report;

import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.spec.CapacitySpec;
import io.pushbench.core.spec.Slo;

import java.util.ArrayList;
import java.util.List;

/**
 * The data a capacity chart is drawn from, taken from {@code result.json} alone: for each step its
 * load (the ramped figure), its p50 and p99 latency and its error rate, whether it held, and which
 * step broke. Kept apart from the drawing so that what a chart shows can be checked without pixels.
 *
 * @param loadAxis       the x axis' label: connections, or messages per second offered
 * @param points         one per step, in order
 * @param brokenStep     index (from 1) of the step that broke, 0 when none did
 * @param latencyLimits  the objective's limits on p50 or p99 latency, to draw as lines; empty when none
 */
record CapacityCurve(String loadAxis, List<Point> points, int brokenStep, List<Limit> latencyLimits) {

    /** The latency span (highest over lowest) from which the latency axis is logarithmic: two decades. */
    static final double LOG_SCALE_SPAN = 100;

    CapacityCurve {
        points = List.copyOf(points);
        latencyLimits = List.copyOf(latencyLimits);
    }

    /**
     * One step.
     *
     * @param step         index, from 1
     * @param load         connections or messages per second: the x position
     * @param p50Millis    p50 latency, ms; {@code null} when the step measured none
     * @param p99Millis    p99 latency, ms; {@code null} when the step measured none
     * @param errorPercent 0 .. 100
     * @param held         whether the step met the objective
     */
    record Point(int step, double load, Double p50Millis, Double p99Millis, double errorPercent, boolean held) {
    }

    /**
     * A latency limit of the objective.
     *
     * @param name   e.g. {@code p99<50ms}
     * @param millis the limit, ms
     */
    record Limit(String name, double millis) {
    }

    static CapacityCurve of(CapacityResult run) {
        CapacitySpec spec = run.scenario();
        boolean rate = run.verdict().dimension() != null ? run.verdict().dimension().equals("rate")
                : spec != null && spec.rampedDimension().equals("rate");
        List<Point> points = new ArrayList<>();
        for (CapacityResult.Step step : run.steps()) {
            LatencySummary latency = step.latency();
            boolean measured = latency != null && latency.count() > 0;
            points.add(new Point(step.index(), step.load(), measured ? latency.p50() / 1000 : null,
                    measured ? latency.p99() / 1000 : null, step.errorRate() * 100, step.passed()));
        }
        List<Limit> limits = new ArrayList<>();
        if (spec != null && spec.slo() != null) {
            for (Slo.Objective o : spec.slo().objectives()) {
                if (o.kind() == Slo.Kind.LATENCY && (o.statistic() == Slo.Statistic.P50
                        || o.statistic() == Slo.Statistic.P99)) {
                    limits.add(new Limit(o.text(), o.limit() / 1000));
                }
            }
        }
        return new CapacityCurve(rate ? "messages per second offered" : "connections", points,
                run.verdict().brokenStep(), limits);
    }

    /** The point of the step that broke, or {@code null}. */
    Point broken() {
        return points.stream().filter(p -> p.step() == brokenStep).findFirst().orElse(null);
    }

    /**
     * Whether the latencies (and limits) span at least {@value #LOG_SCALE_SPAN} times from the
     * lowest to the highest: then a linear axis would flatten the held steps against zero.
     */
    boolean logScale() {
        List<Double> values = new ArrayList<>();
        for (Point p : points) {
            if (p.p50Millis() != null) {
                values.add(p.p50Millis());
                values.add(p.p99Millis());
            }
        }
        latencyLimits.forEach(l -> values.add(l.millis()));
        double min = values.stream().filter(v -> v > 0).mapToDouble(Double::doubleValue).min().orElse(0);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return min > 0 && max / min >= LOG_SCALE_SPAN;
    }
}
