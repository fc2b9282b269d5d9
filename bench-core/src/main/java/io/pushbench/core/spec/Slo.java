package io.pushbench.core.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.TransportResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A service-level objective: the limits a step of a capacity run must stay within to count as
 * held. Written as comma-separated objectives, e.g. {@code p99<100ms,errors<0.1%}:
 *
 * <table>
 *   <caption>Objectives</caption>
 *   <tr><th>objective</th><th>limits</th></tr>
 *   <tr><td>{@code p50}, {@code p90}, {@code p99}, {@code p99.9}, {@code max}, {@code mean}</td><td>the message
 *       latency of the mode (round trip for echo, publish-to-receive for pubsub and passive), from the planned
 *       send time; a duration with its unit: {@code us}, {@code ms} or {@code s}</td></tr>
 *   <tr><td>{@code connect-p99} (any of the above after {@code connect-})</td><td>the time to open a connection</td></tr>
 *   <tr><td>{@code gap-p99} (any of the above after {@code gap-})</td><td>passive mode: the gap between two messages
 *       on one connection</td></tr>
 *   <tr><td>{@code errors}</td><td>the step's error rate, a percentage: the larger of the share of its connections
 *       not held throughout (failed to open, or lost) and the share of its messages lost</td></tr>
 *   <tr><td>{@code lost}</td><td>messages lost in the measured phase, a count: {@code lost=0}, {@code lost<100}</td></tr>
 *   <tr><td>{@code cpu-per-msg}</td><td>CPU time of the in-process reference server per delivered message, a
 *       duration ({@code cpu-per-msg<20us}); not measured for a server in another process</td></tr>
 *   <tr><td>{@code pushbench-cpu-per-msg}</td><td>CPU time of pushbench itself per delivered message</td></tr>
 * </table>
 *
 * <p>Each limit is {@code <} (strictly below) or {@code <=}; {@code =0} (as in {@code lost=0}) is
 * {@code <=0}, and takes no other value. An objective on a figure the step did
 * not measure (no replies, or no envelopes in passive mode) fails. Every objective set includes an
 * error budget: {@value #DEFAULT_ERROR_BUDGET_PERCENT}% when none is given, so that a step in which
 * connections were refused never counts as held. Immutable.
 *
 * @param objectives the objectives, in the order written, the default error budget last when added
 */
public record Slo(List<Objective> objectives) {

    /** The name of the objective on the in-process server's CPU per delivered message. */
    public static final String SERVER_CPU_NAME = "cpu-per-msg";
    /** The name of the objective on pushbench's own CPU per delivered message. */
    public static final String GENERATOR_CPU_NAME = "pushbench-cpu-per-msg";

    /** The error budget added when an objective set names none, percent. */
    public static final double DEFAULT_ERROR_BUDGET_PERCENT = 1;

    private static final Pattern OBJECTIVE = Pattern.compile("\\s*([a-z0-9.-]+)\\s*(<=|<|=)\\s*(\\S+?)\\s*");
    private static final Pattern COUNT = Pattern.compile("\\d+");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(us|µs|ms|s)");
    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)%");

    public Slo {
        objectives = List.copyOf(objectives);
        if (objectives.isEmpty()) {
            throw new IllegalArgumentException("an objective set needs at least one objective, e.g. p99<100ms");
        }
    }

    /**
     * Reads an objective set such as {@code p99<100ms,errors<0.1%} and adds the default error
     * budget when it names none.
     *
     * @throws IllegalArgumentException quoting the objective that is wrong and saying what is valid
     */
    @JsonCreator
    public static Slo parse(String text) {
        List<Objective> objectives = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            objectives.add(Objective.parse(part));
        }
        if (objectives.stream().noneMatch(o -> o.kind() == Kind.ERRORS)) {
            objectives.add(new Objective(Kind.ERRORS, Statistic.MEAN, false, DEFAULT_ERROR_BUDGET_PERCENT, true));
        }
        return new Slo(objectives);
    }

    /**
     * What a step broke, one phrase per failed objective, e.g. {@code p99 62.1 ms >= 50 ms}; empty
     * when it held.
     *
     * @param result    the step's figures
     * @param errorRate the step's error rate, 0 .. 1
     */
    public List<String> violations(TransportResult result, double errorRate) {
        List<String> violations = new ArrayList<>();
        for (Objective o : objectives) {
            String failure = o.check(result, errorRate);
            if (failure != null) {
                violations.add(failure);
            }
        }
        return violations;
    }

    /** Whether any objective limits the mode's message latency (which passive mode only has with envelopes). */
    public boolean limitsLatency() {
        return objectives.stream().anyMatch(o -> o.kind() == Kind.LATENCY);
    }

    /** The objectives as {@link #parse} reads them, e.g. {@code p99<50ms,errors<1%}. */
    @JsonValue
    public String text() {
        return objectives.stream().map(Objective::text).collect(Collectors.joining(","));
    }

    /** The objectives for people, e.g. {@code p99<50ms, errors<1% (default)}: an added error budget is marked. */
    @Override
    public String toString() {
        return objectives.stream().map(Objective::toString).collect(Collectors.joining(", "));
    }

    /** What an objective limits. */
    public enum Kind {
        /** The mode's message latency. */
        LATENCY(""),
        /** Connect time. */
        CONNECT("connect-"),
        /** Inter-arrival gaps (passive). */
        GAP("gap-"),
        /** The error rate. */
        ERRORS(""),
        /** Messages lost, a count. */
        LOST(""),
        /** The in-process server's CPU per delivered message. */
        SERVER_CPU(""),
        /** pushbench's own CPU per delivered message. */
        GENERATOR_CPU("");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    /** Which figure of a latency summary. */
    public enum Statistic {
        P50("p50"), P90("p90"), P99("p99"), P999("p99.9"), MAX("max"), MEAN("mean");

        private final String id;

        Statistic(String id) {
            this.id = id;
        }

        double of(LatencySummary s) {
            return switch (this) {
                case P50 -> s.p50();
                case P90 -> s.p90();
                case P99 -> s.p99();
                case P999 -> s.p999();
                case MAX -> s.max();
                case MEAN -> s.mean();
            };
        }

        static Statistic fromId(String id) {
            for (Statistic s : values()) {
                if (s.id.equals(id) || (s == P999 && id.equals("p999"))) {
                    return s;
                }
            }
            return null;
        }
    }

    /**
     * One limit.
     *
     * @param kind       what it limits
     * @param statistic  which figure of the latency summary (ignored for {@link Kind#ERRORS})
     * @param inclusive  {@code <=} rather than {@code <}
     * @param limit      microseconds for latencies, percent for errors
     * @param isDefault  added because the objective set named no error budget
     */
    public record Objective(Kind kind, Statistic statistic, boolean inclusive, double limit, boolean isDefault) {

        /**
         * Reads one objective, e.g. {@code p99<100ms}, {@code lost=0}; no error budget is added.
         *
         * @throws IllegalArgumentException quoting the objective and saying what is valid
         */
        public static Objective parse(String text) {
            Matcher m = OBJECTIVE.matcher(text.toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + text.strip() + "' is not an objective: write NAME<LIMIT, "
                        + "e.g. p99<100ms or errors<0.1%");
            }
            String name = m.group(1);
            boolean equal = m.group(2).equals("=");
            boolean inclusive = equal || m.group(2).equals("<=");
            String limit = m.group(3);
            if (equal && !limit.matches("0+(\\.0+)?%?")) {
                throw new IllegalArgumentException("'" + text.strip() + "': = takes only 0, as in lost=0 or errors=0%; "
                        + "for another limit write " + name + "<=" + limit);
            }
            if (name.equals("lost")) {
                if (!COUNT.matcher(limit).matches()) {
                    throw new IllegalArgumentException("'" + text.strip() + "': the limit '" + limit
                            + "' is not a count of messages (e.g. lost=0, lost<100)");
                }
                if (!inclusive && Double.parseDouble(limit) == 0) {
                    throw new IllegalArgumentException("'" + text.strip() + "': no count is below 0; write lost=0");
                }
                return new Objective(Kind.LOST, Statistic.MEAN, inclusive, Double.parseDouble(limit), false);
            }
            if (name.equals("errors")) {
                Matcher percent = PERCENT.matcher(equal && !limit.endsWith("%") ? limit + "%" : limit);
                if (!percent.matches() || Double.parseDouble(percent.group(1)) > 100) {
                    throw new IllegalArgumentException("'" + text.strip() + "': the error limit '" + limit
                            + "' is not a percentage from 0% to 100% (e.g. errors<0.1%)");
                }
                return new Objective(Kind.ERRORS, Statistic.MEAN, inclusive, Double.parseDouble(percent.group(1)), false);
            }
            Kind kind = name.equals(SERVER_CPU_NAME) ? Kind.SERVER_CPU : name.equals(GENERATOR_CPU_NAME)
                    ? Kind.GENERATOR_CPU : name.startsWith(Kind.CONNECT.prefix) ? Kind.CONNECT
                    : name.startsWith(Kind.GAP.prefix) ? Kind.GAP : Kind.LATENCY;
            Statistic statistic = kind == Kind.SERVER_CPU || kind == Kind.GENERATOR_CPU ? Statistic.MEAN
                    : Statistic.fromId(name.substring(kind.prefix.length()));
            if (statistic == null) {
                throw new IllegalArgumentException("'" + text.strip() + "': unknown objective '" + name + "' (valid: "
                        + "p50, p90, p99, p99.9, max, mean, the same after connect- or gap-, errors, lost, "
                        + SERVER_CPU_NAME + " and " + GENERATOR_CPU_NAME + ")");
            }
            Matcher duration = DURATION.matcher(limit);
            if (!duration.matches()) {
                throw new IllegalArgumentException("'" + text.strip() + "': the limit '" + limit
                        + "' is not a duration with a unit (e.g. 100ms, 500us, 1s)");
            }
            double amount = Double.parseDouble(duration.group(1));
            double micros = switch (duration.group(2)) {
                case "s" -> amount * 1e6;
                case "ms" -> amount * 1e3;
                default -> amount;
            };
            if (micros <= 0 && !equal) {
                throw new IllegalArgumentException("'" + text.strip() + "': the limit must be above zero");
            }
            return new Objective(kind, statistic, inclusive, micros, false);
        }

        /**
         * The failure, e.g. {@code p99 62.1 ms >= 50 ms}, or null when {@code result} meets this objective.
         *
         * @param errorRate the error rate to judge {@code errors} by, 0 .. 1
         */
        public String check(TransportResult result, double errorRate) {
            OptionalDouble value = value(result, errorRate);
            if (value.isEmpty()) {
                return name() + ": " + notMeasured(result);
            }
            return within(value.getAsDouble()) ? null
                    : measured(value.getAsDouble()) + " " + (inclusive ? ">" : ">=") + " " + limitText();
        }

        /**
         * What {@code result} measured of this objective's figure, e.g. {@code p99 1.23 ms}, {@code lost 0} or
         * {@code errors 0%}; or why it has none, e.g. {@code p99: nothing measured}.
         *
         * @param errorRate the error rate to judge {@code errors} by, 0 .. 1
         */
        public String measured(TransportResult result, double errorRate) {
            OptionalDouble value = value(result, errorRate);
            return value.isPresent() ? measured(value.getAsDouble()) : name() + ": " + notMeasured(result);
        }

        /**
         * This objective's figure in {@code result}: microseconds for latencies and CPU, percent for errors, a count
         * for lost messages; empty when the result does not hold it.
         *
         * @param errorRate the error rate to judge {@code errors} by, 0 .. 1
         */
        public OptionalDouble value(TransportResult result, double errorRate) {
            return switch (kind) {
                case ERRORS -> OptionalDouble.of(errorRate * 100);
                case LOST -> result.delivery() == null ? OptionalDouble.empty()
                        : OptionalDouble.of(result.delivery().lost());
                case SERVER_CPU, GENERATOR_CPU -> cpuPerMessage(result);
                default -> {
                    String metric = switch (kind) {
                        case CONNECT -> Metrics.CONNECT;
                        case GAP -> Metrics.INTER_ARRIVAL;
                        default -> result.workload() == Workload.ECHO ? Metrics.RTT_CORRECTED : Metrics.PUSH_CORRECTED;
                    };
                    LatencySummary summary = result.latency().get(metric);
                    yield summary == null || summary.count() == 0 ? OptionalDouble.empty()
                            : OptionalDouble.of(statistic.of(summary));
                }
            };
        }

        private OptionalDouble cpuPerMessage(TransportResult result) {
            if (result.selfHealth() == null || result.delivery() == null || result.delivery().received() == 0) {
                return OptionalDouble.empty();
            }
            double micros = kind == Kind.SERVER_CPU ? result.selfHealth().serverCpuMicrosPerMessage()
                    : result.selfHealth().generatorCpuMicrosPerMessage();
            return micros < 0 ? OptionalDouble.empty() : OptionalDouble.of(micros);
        }

        private String notMeasured(TransportResult result) {
            if (kind == Kind.SERVER_CPU && result.selfHealth() != null
                    && result.selfHealth().serverCpuMicrosPerMessage() < 0) {
                return "not measured (the server runs in another process)";
            }
            return "nothing measured";
        }

        private String measured(double value) {
            return switch (kind) {
                case ERRORS -> "errors " + percentText(value) + "%";
                case LOST -> "lost " + String.format(Locale.ROOT, "%,.0f", value);
                default -> name() + " " + micros(value);
            };
        }

        private String limitText() {
            return switch (kind) {
                case ERRORS -> Ramp.format(limit) + "%";
                case LOST -> String.format(Locale.ROOT, "%,.0f", limit);
                default -> micros(limit);
            };
        }

        private boolean within(double value) {
            return inclusive ? value <= limit : value < limit;
        }

        /** The objective's name as written, e.g. {@code connect-p99}. */
        public String name() {
            return switch (kind) {
                case ERRORS -> "errors";
                case LOST -> "lost";
                case SERVER_CPU -> SERVER_CPU_NAME;
                case GENERATOR_CPU -> GENERATOR_CPU_NAME;
                default -> kind.prefix + statistic.id;
            };
        }

        private static String percentText(double percent) {
            return percent == 0 ? "0" : percent >= 0.1 ? String.format(Locale.ROOT, "%.1f", percent)
                    : String.format(Locale.ROOT, "%.3f", percent);
        }

        private static String micros(double micros) {
            if (micros >= 1e6) {
                return Ramp.format(Math.round(micros / 1e4) / 100.0) + " s";
            }
            if (micros >= 1e3) {
                return Ramp.format(Math.round(micros / 10) / 100.0) + " ms";
            }
            return Ramp.format(Math.round(micros * 100) / 100.0) + " us";
        }

        /** As written, e.g. {@code p99<50ms}. */
        public String text() {
            if (inclusive && limit == 0) {
                return name() + "=0" + (kind == Kind.ERRORS ? "%" : "");
            }
            return name() + (inclusive ? "<=" : "<") + (kind == Kind.ERRORS ? Ramp.format(limit) + "%"
                    : kind == Kind.LOST ? Ramp.format(limit) : compact(limit));
        }

        /** As written, marked {@code (default)} when it was added. */
        @Override
        public String toString() {
            return text() + (isDefault ? " (default)" : "");
        }

        private static String compact(double micros) {
            if (micros >= 1e6 && micros % 1e6 == 0) {
                return Ramp.format(micros / 1e6) + "s";
            }
            if (micros >= 1e3 && micros % 1 == 0) {
                return Ramp.format(micros / 1e3) + "ms";
            }
            return Ramp.format(micros) + "us";
        }
    }
}
