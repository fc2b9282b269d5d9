package io.pushbench.report;

import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.Environment;
import io.pushbench.core.result.RunResult;
import io.pushbench.core.spec.CapacityMode;
import io.pushbench.core.spec.CapacitySpec;
import io.pushbench.core.spec.LoadModel;
import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.spec.Workload;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The conditions a run's figures hold under, as label and value rows: the scenario's options (of a
 * compare or a capacity run) and the environment. A field the result does not hold is left out, so older and newer result files
 * both render.
 */
final class Conditions {

    /**
     * One condition.
     *
     * @param group {@value #SCENARIO} or {@value #ENVIRONMENT}
     * @param label what it is, e.g. {@code rate}
     * @param value its value as a reader sees it, e.g. {@code 1,000 msg/s (constant)}
     */
    record Row(String group, String label, String value) {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    static final String SCENARIO = "scenario";
    static final String ENVIRONMENT = "environment";

    private Conditions() {
    }

    /** The rows of a run, scenario first. */
    static List<Row> of(RunResult run) {
        List<Row> rows = new ArrayList<>();
        RunSpec s = run.scenario();
        if (s != null) {
            add(rows, SCENARIO, "name", s.name());
            add(rows, SCENARIO, "workload", s.workload() == null ? null : s.workload().id());
            add(rows, SCENARIO, "load", s.load() == null ? null : load(s.load()));
            add(rows, SCENARIO, "message size", bytes(s.messageSize()));
            add(rows, SCENARIO, s.workload() == Workload.ECHO ? "clients" : "subscribers",
                    String.format(Locale.ROOT, "%,d", s.subscribers()));
            add(rows, SCENARIO, "warm-up", seconds(s.warmup()));
            add(rows, SCENARIO, "measured", seconds(s.duration()));
            add(rows, SCENARIO, "drain", seconds(s.drain()));
            if (s.streamsPerConnection() > 0) {
                add(rows, SCENARIO, "HTTP/2 streams per connection", Integer.toString(s.streamsPerConnection()));
            }
            add(rows, SCENARIO, "transports", join(s.transports(), Object::toString));
            if (s.tls()) {
                add(rows, SCENARIO, "TLS", "every transport (self-signed certificate; sse-http2 as h2 by ALPN)");
            }
            add(rows, SCENARIO, "client stacks", join(s.clients(), Object::toString));
        }
        add(rows, SCENARIO, "started", time(run.startedAt()));
        add(rows, SCENARIO, "finished", time(run.finishedAt()));
        environment(rows, run.environment());
        return rows;
    }

    /** The rows of a capacity run, scenario first: its target, ramp and objective. */
    static List<Row> of(CapacityResult run) {
        List<Row> rows = new ArrayList<>();
        CapacitySpec s = run.scenario();
        if (s != null) {
            add(rows, SCENARIO, "URL", s.url() == null ? null : s.url().toString());
            add(rows, SCENARIO, s.mode() == CapacityMode.PUBSUB ? "publish URL" : "echo URL",
                    s.sendUrl() == null ? null : s.sendUrl().toString());
            add(rows, SCENARIO, "transport", s.transport() == null ? null
                    : s.transport().id() + (s.client() == null ? "" : " (" + s.client().id() + " client)"));
            add(rows, SCENARIO, "mode", s.mode() == null ? null : s.mode().toString());
            add(rows, SCENARIO, "connections", s.connections() == null ? null : s.connections().toString());
            add(rows, SCENARIO, "rate", s.rate() == null ? null : s.rate() + " msg/s "
                    + (s.mode() == CapacityMode.PUBSUB ? "published" : "sent"));
            add(rows, SCENARIO, "objective", s.slo() == null ? null : s.slo().toString());
            add(rows, SCENARIO, "message size", bytes(s.messageSize()));
            add(rows, SCENARIO, "warm-up per step", seconds(s.stepWarmup()));
            add(rows, SCENARIO, "measured per step", seconds(s.stepDuration()));
            add(rows, SCENARIO, "drain", seconds(s.drain()));
            add(rows, SCENARIO, "connect rate", s.connectsPerSecond() > 0
                    ? String.format(Locale.ROOT, "%,.0f/s", s.connectsPerSecond()) : null);
            add(rows, SCENARIO, "headers", s.headerNames().isEmpty() ? null
                    : String.join(", ", s.headerNames()) + " (values not recorded)");
            add(rows, SCENARIO, "client protocol", s.protocol().isEmpty() ? null : String.join(", ", s.protocol()));
        }
        add(rows, SCENARIO, "started", time(run.startedAt()));
        add(rows, SCENARIO, "finished", time(run.finishedAt()));
        environment(rows, run.environment());
        return rows;
    }

    private static void environment(List<Row> rows, Environment e) {
        if (e != null) {
            add(rows, ENVIRONMENT, "pushbench", e.pushbenchVersion() == null ? null
                    : e.pushbenchVersion() + (e.commit() == null ? "" : " (commit " + shortCommit(e.commit()) + ")"));
            add(rows, ENVIRONMENT, "JVM", e.jvm() == null ? null
                    : e.jvm() + (e.jvmVendor() == null ? "" : ", " + e.jvmVendor()));
            add(rows, ENVIRONMENT, "OS", e.os() == null ? null : e.os() + (e.arch() == null ? "" : " " + e.arch()));
            add(rows, ENVIRONMENT, "CPUs", e.cpus() > 0 ? Integer.toString(e.cpus()) : null);
            add(rows, ENVIRONMENT, "max heap", e.maxHeapBytes() > 0
                    ? String.format(Locale.ROOT, "%,d MiB", e.maxHeapBytes() / (1024 * 1024)) : null);
            add(rows, ENVIRONMENT, "clock", e.clock());
        }
    }

    /** The rows of a run in one group. */
    static List<Row> of(RunResult run, String group) {
        return group(of(run), group);
    }

    /** The rows in one group. */
    static List<Row> group(List<Row> rows, String group) {
        return rows.stream().filter(r -> r.group().equals(group)).toList();
    }

    private static void add(List<Row> rows, String group, String label, String value) {
        if (value != null && !value.isEmpty()) {
            rows.add(new Row(group, label, value));
        }
    }

    private static String load(LoadModel load) {
        if (load instanceof LoadModel.ConstantRate c) {
            return String.format(Locale.ROOT, "%,.0f msg/s, constant rate", c.perSecond());
        }
        if (load instanceof LoadModel.RampRate r) {
            return String.format(Locale.ROOT, "%,.0f to %,.0f msg/s, ramp", r.fromPerSecond(), r.toPerSecond());
        }
        LoadModel.Closed closed = (LoadModel.Closed) load;
        return "closed loop, think time " + seconds(closed.thinkTime());
    }

    private static String bytes(int size) {
        return size > 0 ? String.format(Locale.ROOT, "%,d B", size) : null;
    }

    /** Seconds with up to three decimals: {@code 10 s}, {@code 0.5 s}. */
    private static String seconds(Duration d) {
        if (d == null) {
            return null;
        }
        String number = String.format(Locale.ROOT, "%.3f", d.toNanos() / 1e9).replaceAll("\\.?0+$", "");
        return number + " s";
    }

    /** An ISO-8601 instant to the second, e.g. {@code 2026-11-25 05:21:22 UTC}; as written if it is not one. */
    static String time(String instant) {
        if (instant == null) {
            return null;
        }
        try {
            return TIME.format(Instant.parse(instant));
        } catch (DateTimeParseException e) {
            return instant;
        }
    }

    private static String shortCommit(String commit) {
        return commit.matches("[0-9a-f]{12,40}") ? commit.substring(0, 12) : commit;
    }

    private static <T> String join(List<T> items, Function<T, String> name) {
        return items == null ? null : items.stream().map(name).collect(Collectors.joining(", "));
    }
}
