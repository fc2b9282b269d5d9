package io.pushbench.core.result;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.pushbench.core.spec.CapacitySpec;
import io.pushbench.core.spec.Ramp;
import io.pushbench.core.spec.Workload;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code result.json} holds after {@code pushbench capacity}: the staircase of load steps,
 * each with its figures and whether it met the objective, and the verdict (the highest step that
 * held, the first that broke). Each step's histogram log is in the same directory. Reports draw
 * the capacity chart from this alone: {@link Step#load()} on the x axis, {@link Step#latency()}'s
 * p50 and p99 and {@link Step#errorRate()} on the y axis, {@link Verdict#brokenStep()} marked.
 *
 * @param format      {@value #FORMAT}: the file format and its version (a compare run's is {@value RunResult#FORMAT})
 * @param startedAt   ISO-8601 UTC time the run started
 * @param finishedAt  ISO-8601 UTC time the run ended (or of the latest step, while it runs)
 * @param interrupted whether the run was stopped before it finished (results are partial)
 * @param scenario    the options the run used
 * @param environment the machine and software it ran on
 * @param steps       the steps run, in order
 * @param verdict     the capacity found
 * @param generatorFloors the bare-client generator floor measured before each step, by step index (from 1), each
 *                    with that step's generator CPU as a multiple of it ({@link GeneratorFloorResult}); empty when
 *                    none was measured ({@code --no-generator-floor}, a mode or URL without one), null in files
 *                    written before it existed
 */
public record CapacityResult(
        String format,
        String startedAt,
        String finishedAt,
        boolean interrupted,
        CapacitySpec scenario,
        Environment environment,
        List<Step> steps,
        Verdict verdict,
        Map<Integer, GeneratorFloorResult> generatorFloors) {

    /** The current capacity result format. */
    public static final String FORMAT = "pushbench-capacity/1";

    public CapacityResult {
        steps = List.copyOf(steps);
        generatorFloors = generatorFloors == null ? null : Collections.unmodifiableMap(new TreeMap<>(generatorFloors));
    }

    /** A result without generator floors. */
    public CapacityResult(String format, String startedAt, String finishedAt, boolean interrupted,
                          CapacitySpec scenario, Environment environment, List<Step> steps, Verdict verdict) {
        this(format, startedAt, finishedAt, interrupted, scenario, environment, steps, verdict, Map.of());
    }

    /**
     * This result with {@code floors} (by step index) as its generator floors, each with its step's
     * {@link GeneratorFloorResult#multiples}; floors of steps this result does not hold are left out.
     */
    public CapacityResult withGeneratorFloors(Map<Integer, GeneratorFloorResult> floors) {
        Map<Integer, GeneratorFloorResult> withMultiples = new TreeMap<>();
        for (Step step : steps) {
            GeneratorFloorResult floor = floors.get(step.index());
            if (floor != null) {
                withMultiples.put(step.index(), floor.withMultiples(List.of(step.result())));
            }
        }
        return new CapacityResult(format, startedAt, finishedAt, interrupted, scenario, environment, steps, verdict,
                withMultiples);
    }

    /** The generator floor measured before {@code step}, or null when none was. */
    public GeneratorFloorResult generatorFloorOf(Step step) {
        return generatorFloors == null ? null : generatorFloors.get(step.index());
    }

    /**
     * One step of the staircase.
     *
     * @param index       1-based position in the staircase
     * @param connections connections the step asked for
     * @param rate        messages per second offered: published (pubsub) or sent (echo); 0 for passive
     * @param load        the ramped figure, connections or rate: the x axis of a capacity chart
     * @param held        connections open throughout the step (opened, and not lost during it)
     * @param errorRate   0 .. 1: the larger of the share of connections not held and the share of messages lost
     * @param passed      whether the step met every objective
     * @param violations  what it broke, one phrase per objective, e.g. {@code p99 62.1 ms >= 50 ms}; empty if passed
     * @param firstError  the message of the first error of the step (a failed connect first), or null
     * @param memory      this process's memory at the end of the step
     * @param result      every figure of the step, as for one transport of a compare run; its histogram log is
     *                    named {@code step-NN.hlog}
     */
    public record Step(int index, int connections, double rate, double load, int held, double errorRate,
                       boolean passed, List<String> violations, String firstError, Memory memory,
                       TransportResult result) {

        public Step {
            violations = List.copyOf(violations);
        }

        /** A builder with nothing broken: a step passes unless it is given violations. */
        public static Builder builder() {
            return new Builder();
        }

        /** Sets up a {@link Step} by name; whether it passed follows from its violations. */
        public static final class Builder {
            private int index;
            private int connections;
            private double rate;
            private double load;
            private int held;
            private double errorRate;
            private List<String> violations = List.of();
            private String firstError;
            private Memory memory;
            private TransportResult result;

            private Builder() {
            }

            public Builder index(int index) {
                this.index = index;
                return this;
            }

            public Builder connections(int connections) {
                this.connections = connections;
                return this;
            }

            public Builder rate(double rate) {
                this.rate = rate;
                return this;
            }

            public Builder load(double load) {
                this.load = load;
                return this;
            }

            public Builder held(int held) {
                this.held = held;
                return this;
            }

            public Builder errorRate(double errorRate) {
                this.errorRate = errorRate;
                return this;
            }

            /** What the step broke; none means it passed. */
            public Builder violations(List<String> violations) {
                this.violations = violations;
                return this;
            }

            public Builder firstError(String firstError) {
                this.firstError = firstError;
                return this;
            }

            public Builder memory(Memory memory) {
                this.memory = memory;
                return this;
            }

            public Builder result(TransportResult result) {
                this.result = result;
                return this;
            }

            public Step build() {
                return new Step(index, connections, rate, load, held, errorRate, violations.isEmpty(), violations,
                        firstError, memory, result);
            }
        }

        /** The step's message latency, from the planned send time: round trip for echo, push otherwise. */
        @JsonIgnore
        public LatencySummary latency() {
            return result.latency().get(result.workload() == Workload.ECHO ? Metrics.RTT_CORRECTED
                    : Metrics.PUSH_CORRECTED);
        }
    }

    /**
     * This process's memory at the end of a step.
     *
     * @param heapUsedBytes          heap in use, garbage not yet collected included
     * @param rssBytes               resident set size ({@code VmRSS}), -1 where unknown
     * @param heapBytesPerConnection heap in use above the level before the first connection, per connection held;
     *                               an upper bound (it includes garbage)
     * @param rssBytesPerConnection  the same for the resident set size; -1 where unknown
     */
    public record Memory(long heapUsedBytes, long rssBytes, double heapBytesPerConnection,
                         double rssBytesPerConnection) {
    }

    /**
     * The capacity found.
     *
     * @param dimension        what the staircase raised: {@code connections} or {@code rate}
     * @param heldStep         index of the highest step that held, 0 when none did
     * @param capacity         that step's load (connections, or messages per second); 0 when none held
     * @param brokenStep       index of the first step that broke, 0 when none did (the staircase ended, or was stopped)
     * @param saturatedAtBreak whether pushbench itself was saturated in the broken step and a latency limit broke
     *                         there: the limit may be the generator's
     * @param summary          one line saying all this, for people, with the first error of the broken step
     */
    public record Verdict(String dimension, int heldStep, double capacity, int brokenStep, boolean saturatedAtBreak,
                          String summary) {

        /** The verdict of {@code steps}, run in order and stopped at the first that broke. */
        public static Verdict of(CapacitySpec spec, List<Step> steps, boolean interrupted) {
            String dimension = spec.rampedDimension();
            Step held = null;
            Step broken = null;
            for (Step step : steps) {
                if (!step.passed()) {
                    broken = step;
                    break;
                }
                held = step;
            }
            // A saturated generator delays messages, so it casts doubt on a latency limit, not on refusals.
            boolean saturated = broken != null && broken.result().selfHealth().saturated()
                    && !spec.slo().violations(broken.result(), 0).isEmpty();
            StringBuilder summary = new StringBuilder("capacity: ");
            if (held == null && broken == null) {
                summary.append("unknown, no step completed");
            } else if (held == null) {
                summary.append("below ").append(load(spec, broken)).append(": the first step broke: ")
                        .append(String.join("; ", broken.violations()));
            } else {
                summary.append(broken == null && !interrupted ? "at least " : "").append(load(spec, held))
                        .append(" held (").append(figures(held)).append(")");
                if (broken != null) {
                    summary.append("; broke at ").append(load(spec, broken)).append(": ")
                            .append(String.join("; ", broken.violations()));
                } else if (interrupted) {
                    summary.append("; interrupted before a step broke");
                } else {
                    summary.append("; every step held, raise the top of the ramp to find the limit");
                }
            }
            if (broken != null && broken.firstError() != null && !broken.result().errors().isEmpty()) {
                summary.append("; first error: ").append(broken.firstError());
            }
            if (saturated) {
                summary.append(" (pushbench itself was saturated in that step: the limit may be the generator's)");
            }
            return new Verdict(dimension, held == null ? 0 : held.index(), held == null ? 0 : held.load(),
                    broken == null ? 0 : broken.index(), saturated, summary.toString());
        }

        private static String load(CapacitySpec spec, Step step) {
            if (spec.rampedDimension().equals("rate")) {
                return Ramp.format(step.rate()) + " msg/s with " + step.connections() + " connections";
            }
            return step.connections() + " connections" + (step.rate() > 0 ? " at " + Ramp.format(step.rate())
                    + " msg/s" : "");
        }

        private static String figures(Step step) {
            LatencySummary latency = step.latency();
            String p99 = latency == null || latency.count() == 0 ? "no latency measured"
                    : String.format(Locale.ROOT, "p99 %.2f ms", latency.p99() / 1000);
            return p99 + String.format(Locale.ROOT, ", errors %.2f%%", step.errorRate() * 100);
        }
    }
}
