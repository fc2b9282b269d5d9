package io.pushbench.cli;

import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.TransportResult;
import io.pushbench.server.Paths;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The soak of the bench profile (not CI): constant echo load on all four transports at once
 * against one reference server, for {@value #DEFAULT_MINUTES} minutes unless told otherwise, then
 * one verdict line per check, and exit 1 when any fails:
 * <ul>
 *   <li>each transport's load held (the SLO {@value #SLO}, nothing lost);</li>
 *   <li>heap after a forced GC and RSS at the end within {@value #TOLERANCE_PERCENT}% of their level
 *       after warm-up (no more than that above it: a level that fell is no leak), for the generator
 *       (this JVM) and for the server;</li>
 *   <li>open file descriptors back to their count before the load, in both processes.</li>
 * </ul>
 *
 * <p>The server is {@code pushbench serve} in a process of its own, not embedded: what a soak looks
 * for is the server's leaks, which in one JVM would mix with the generator's. Both JVMs run with a
 * fixed, pre-touched heap ({@code -Xms} = {@code -Xmx}, {@code -XX:+AlwaysPreTouch}: the server's
 * is set here, the generator's by the bench profile), so that RSS measures native memory (direct
 * buffers, threads, code) rather than how far the heap has grown; the heap has its own check.
 *
 * <p>Bounded: the load stops by itself after the duration, and a watchdog stops the server and
 * this process {@value #WATCHDOG_GRACE_MINUTES} minutes after that whatever happens. Loopback only;
 * the server is stopped by its PID.
 *
 * <p>Run: {@code java -Dbench.soak=DURATION -cp <test class path> io.pushbench.cli.SoakBench [OUT_DIR]},
 * or {@code mvn verify -Pbench -Dbench.soak[=DURATION]}; DURATION as on the command line
 * ({@code 60s}, {@code 10m}), at least {@value #MIN_SECONDS} s.
 */
public final class SoakBench {

    static final long DEFAULT_MINUTES = 10;
    static final long MIN_SECONDS = 30;
    static final int TOLERANCE_PERCENT = 10;
    static final long WATCHDOG_GRACE_MINUTES = 3;
    static final String SLO = "p99<5s,errors<1%";
    /** Connections and messages per second on each transport: steady work, far from this machine's limits. */
    private static final int CONNECTIONS = 25;
    private static final int RATE = 250;
    private static final List<String> TRANSPORTS = List.of("websocket", "sse-http1", "sse-http2", "long-polling");
    /** Samples are taken this long after the warm-up and before the end, away from connecting and draining. */
    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final double MIB = 1024 * 1024;

    private final PrintWriter console = new PrintWriter(System.out, true);
    private int failures;

    private SoakBench() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/pushbench/bench/soak");
        Duration duration = duration(System.getProperty("bench.soak", ""));
        int code;
        try (ServerProcess server = ServerProcess.start(List.of("-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch"),
                "--io-threads", "2")) {
            startWatchdog(duration, server);
            code = new SoakBench().run(server, duration, out);
        }
        System.exit(code);
    }

    /** {@code -Dbench.soak} alone (Maven sets it to "true") means the default duration. */
    private static Duration duration(String value) {
        if (value.isEmpty() || value.equals("true")) {
            return Duration.ofMinutes(DEFAULT_MINUTES);
        }
        try {
            Duration d = DurationConverter.parse(value);
            if (d.getSeconds() >= MIN_SECONDS) {
                return d;
            }
        } catch (CommandLine.TypeConversionException e) {
            // Reported below with what is valid.
        }
        System.err.println("soak: -Dbench.soak=" + value + ": not a duration of at least " + MIN_SECONDS
                + "s (write e.g. 60s, 10m)");
        System.exit(PushBench.EXIT_USAGE);
        return null;
    }

    private static void startWatchdog(Duration duration, ServerProcess server) {
        Thread watchdog = new Thread(() -> {
            try {
                TimeUnit.NANOSECONDS.sleep(duration.plusMinutes(WATCHDOG_GRACE_MINUTES).toNanos());
                System.out.println("soak: no verdict " + WATCHDOG_GRACE_MINUTES + " minutes after the load's end, stopping");
                server.stop();
                Runtime.getRuntime().halt(1);
            } catch (InterruptedException e) {
                // Not reached: a daemon thread, it ends with the process.
            }
        }, "soak-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private int run(ServerProcess server, Duration duration, Path out) throws Exception {
        Duration warmup = warmup(duration);
        List<SoakProbe> probes = List.of(SoakProbe.self("generator"), SoakProbe.of("server", server.pid()));
        prime(server, out.resolve("priming"), probes);
        List<List<String>> filesBefore = probes.stream().map(SoakProbe::openFiles).toList();
        console.printf(Locale.ROOT, "soak: %s of echo load on %s at once, %d connections and %d msg/s each, warm-up %s; "
                        + "server pid %d%n", Durations.format(duration), String.join(", ", TRANSPORTS), CONNECTIONS, RATE,
                Durations.format(warmup), server.pid());

        ExecutorService pool = Executors.newFixedThreadPool(TRANSPORTS.size());
        long start = System.nanoTime();
        List<Future<String>> loads = new ArrayList<>();
        for (String transport : TRANSPORTS) {
            List<String> args = loadArgs(transport, server, CONNECTIONS, RATE, warmup, duration.minus(warmup),
                    out.resolve(transport));
            loads.add(pool.submit(() -> capacity(args)));
        }
        sleepUntil(start, warmup.plus(SETTLE));
        List<SoakProbe.Levels> afterWarmup = probes.stream().map(SoakProbe::levels).toList();
        console.println("soak: warmed up, levels taken; next at the end of the load");
        sleepUntil(start, duration.minus(SETTLE));
        List<SoakProbe.Levels> atEnd = probes.stream().map(SoakProbe::levels).toList();
        for (int i = 0; i < TRANSPORTS.size(); i++) {
            checkLoad(TRANSPORTS.get(i), loads.get(i).get(), out.resolve(TRANSPORTS.get(i)));
        }
        pool.shutdown();

        for (int i = 0; i < probes.size(); i++) {
            checkLevel(probes.get(i).name() + " heap after GC", afterWarmup.get(i).heapAfterGcBytes(),
                    atEnd.get(i).heapAfterGcBytes());
            checkLevel(probes.get(i).name() + " RSS", afterWarmup.get(i).rssBytes(), atEnd.get(i).rssBytes());
        }
        for (int i = 0; i < probes.size(); i++) {
            checkFiles(probes.get(i), filesBefore.get(i));
        }
        console.println(failures == 0 ? "soak: OK" : "soak: FAILED, " + failures + " check(s)");
        return failures == 0 ? 0 : 1;
    }

    /** A tenth of the run, from 10 s to 60 s: long enough for the JIT and the pools to settle. */
    private static Duration warmup(Duration duration) {
        Duration tenth = duration.dividedBy(10);
        return tenth.compareTo(Duration.ofSeconds(10)) < 0 ? Duration.ofSeconds(10)
                : tenth.compareTo(Duration.ofSeconds(60)) > 0 ? Duration.ofSeconds(60) : tenth;
    }

    /**
     * A short load on every transport and one heap reading, before open files are counted: a JVM
     * opens some files the first time it needs them and keeps them for good (the random devices
     * behind {@code SecureRandom}, the socket {@code jcmd} attaches through), which is no leak.
     */
    private void prime(ServerProcess server, Path out, List<SoakProbe> probes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(TRANSPORTS.size());
        List<Future<String>> runs = new ArrayList<>();
        for (String transport : TRANSPORTS) {
            List<String> args = loadArgs(transport, server, 2, 20, Duration.ZERO, Duration.ofSeconds(2),
                    out.resolve(transport));
            runs.add(pool.submit(() -> capacity(args)));
        }
        for (int i = 0; i < runs.size(); i++) {
            String failure = runs.get(i).get();
            if (failure != null) {
                verdict(false, "soak: priming %s failed (%s)", TRANSPORTS.get(i), failure);
            }
        }
        pool.shutdown();
        probes.forEach(SoakProbe::heapAfterGcBytes);
    }

    /** One capacity step at fixed connections and rate: constant load for the step's duration. */
    private static List<String> loadArgs(String transport, ServerProcess server, int connections, int rate,
                                         Duration warmup, Duration measured, Path out) {
        List<String> args = new ArrayList<>(List.of("capacity", "--mode", "echo", "--transport", transport,
                "--connections", Integer.toString(connections), "--rate", Integer.toString(rate),
                "--step-warmup", Durations.format(warmup), "--step-duration", Durations.format(measured),
                "--slo", SLO, "--io-threads", "1", "--quiet", "--out", out.toString()));
        String client = "?" + Paths.CLIENT_PARAM + "=soak-" + transport;
        switch (transport) {
            case "websocket" -> args.addAll(List.of("--url", server.base("ws") + Paths.WS_ECHO));
            case "long-polling" -> args.addAll(List.of("--url", server.base("http") + Paths.POLL + client,
                    "--echo-url", server.base("http") + Paths.ECHO + client));
            default -> args.addAll(List.of("--url", server.base("http") + Paths.SSE + client,
                    "--echo-url", server.base("http") + Paths.ECHO + client));
        }
        return args;
    }

    /** Runs {@code capacity}; returns what it printed when it failed, else null. */
    private static String capacity(List<String> args) {
        StringWriter printed = new StringWriter();
        PrintWriter writer = new PrintWriter(printed, true);
        int code = PushBench.run(writer, writer, args.toArray(String[]::new));
        return code == 0 ? null : "exit " + code + ": " + printed.toString().strip();
    }

    private void checkLoad(String transport, String failure, Path out) {
        CapacityResult.Step step;
        try {
            step = ResultFiles.readCapacity(out).steps().get(0);
        } catch (Exception e) {
            verdict(false, "soak: load %s: no result (%s)", transport, failure != null ? failure : e.getMessage());
            return;
        }
        TransportResult.Delivery d = step.result().delivery();
        verdict(failure == null && step.passed() && d.lost() == 0, "soak: load %s: %d sent, %d received, %d lost, "
                        + "error rate %.2f%%: %s", transport, d.sent(), d.received(), d.lost(), step.errorRate() * 100,
                step.passed() && d.lost() == 0 ? "held" : "BROKE " + step.violations());
    }

    private void checkLevel(String what, long afterWarmup, long atEnd) {
        if (afterWarmup <= 0 || atEnd <= 0) {
            verdict(false, "soak: %s: not measured", what);
            return;
        }
        // Only growth fails: a level that fell is no leak.
        double change = 100.0 * (atEnd - afterWarmup) / afterWarmup;
        boolean within = change <= TOLERANCE_PERCENT;
        verdict(within, "soak: %s: %.1f MiB after warm-up, %.1f MiB at the end (%+.1f%%): %s", what,
                afterWarmup / MIB, atEnd / MIB, change,
                within ? "within " + TOLERANCE_PERCENT + "%" : "GREW MORE THAN " + TOLERANCE_PERCENT + "%");
    }

    /** Closing is asynchronous on both ends: the count may take a moment to come back. */
    private void checkFiles(SoakProbe probe, List<String> before) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        List<String> after = probe.openFiles();
        while (before != null && after != null && after.size() > before.size() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(500);
            after = probe.openFiles();
        }
        if (before == null || after == null) {
            verdict(false, "soak: %s open files: not measured (no /proc)", probe.name());
            return;
        }
        boolean back = after.size() <= before.size();
        List<String> extra = new ArrayList<>(after);
        before.forEach(extra::remove);
        verdict(back, "soak: %s open files (class path jars aside): %d before the load, %d after: %s", probe.name(),
                before.size(), after.size(), back ? "back to start"
                        : "NOT back to start, new: " + extra.stream().limit(10).map(SoakBench::fileKind).toList());
    }

    /** {@code socket:[123]} as {@code socket}: the inode tells nothing across processes. */
    private static String fileKind(String target) {
        return target.replaceFirst(":\\[\\d+]$", "");
    }

    private void verdict(boolean ok, String format, Object... args) {
        if (!ok) {
            failures++;
        }
        console.printf(Locale.ROOT, format + "%n", args);
    }

    private static void sleepUntil(long startNanos, Duration offset) throws InterruptedException {
        long wait = startNanos + offset.toNanos() - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
