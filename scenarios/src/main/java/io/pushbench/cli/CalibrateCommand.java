package io.pushbench.cli;

import io.pushbench.core.engine.compare.Comparison;
import io.pushbench.core.driver.BrowserOptions;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.spec.Ramp;
import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code pushbench calibrate}: checks the measurement against a known truth. Each transport runs
 * twice on the same workload, once as is and once with the reference server adding a fixed delay
 * before every broadcast; the median push latency must shift by that delay. A tool that stamps
 * late, loses time in queues of its own, or reads the wrong clock fails this.
 */
@Command(name = "calibrate", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Check that a delay injected in the server shows up as the same shift in measured latency.",
            "Passes when |measured shift - injected delay| <= max(" + CalibrateCommand.TOLERANCE_FLOOR_MICROS
                + " us, " + CalibrateCommand.TOLERANCE_PERCENT + "%% of the delay) for every transport, plus the "
                + "browser's clock bound (of both runs) for --clients browser."})
final class CalibrateCommand implements Callable<Integer> {

    /** Smallest tolerated error of the measured shift, microseconds: the scheduling jitter of the delay itself. */
    static final int TOLERANCE_FLOOR_MICROS = 500;
    /** Tolerated error of the measured shift, percent of the injected delay. */
    static final int TOLERANCE_PERCENT = 10;

    @Spec
    private picocli.CommandLine.Model.CommandSpec command;

    @Option(names = "--delay", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Delay the server adds to every message. Default: 5ms.")
    private Duration delay = Duration.ofMillis(5);

    @Option(names = "--transports", split = ",", paramLabel = "LIST", converter = TransportConverter.class,
            description = "Transports to calibrate. Default: every transport with a driver.")
    private List<Transport> transports = CompareCommand.DEFAULT_TRANSPORTS;

    /** The rate calibrated at by default. */
    static final double DEFAULT_RATE = 1000;
    /**
     * The rate calibrated at by default when a browser is among the clients: Chromium's HTTP/2 stream
     * holds received data back while more arrives within a millisecond, so at 1000 messages per
     * second per stream the browser's bursts, not the server's timing, set the median and a shift in
     * it says nothing about pushbench's measurement. At 100 per second (10 ms apart) it does not.
     */
    static final double BROWSER_DEFAULT_RATE = 100;

    @Option(names = "--rate", paramLabel = "MSG/S", description = "Messages per second. Default: 1000, and 100 with "
            + "--clients browser (Chromium's HTTP/2 stream batches what arrives within a millisecond).")
    private Double rate;

    /** The subscribers calibrated with by default. */
    static final int DEFAULT_SUBSCRIBERS = 10;
    /**
     * The subscribers calibrated with by default when a browser is among the clients: one, so one
     * page. Each page that gets a broadcast wakes a renderer of its own, and a long-poll answer with
     * the next fetch costs Chromium about 2 ms of CPU; on a 2-core machine ten pages woken by the same
     * broadcast queue for the CPU (a long-polling median of 11 to 13 ms, against under 2 ms with one
     * page), and a queue's median moves by its own amount when the delay is added.
     */
    static final int BROWSER_DEFAULT_SUBSCRIBERS = 1;

    @Option(names = "--subscribers", paramLabel = "N", description = "Subscribers. Default: 10, and 1 with "
            + "--clients browser (pages woken by the same broadcast queue for the CPU).")
    private Integer subscribers;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Measured phase of each of the two runs per transport. Default: 5s.")
    private Duration duration = Duration.ofSeconds(5);

    @Option(names = "--warmup", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Unrecorded phase before measuring. Default: 1s.")
    private Duration warmup = Duration.ofSeconds(1);

    @Option(names = "--clients", split = ",", paramLabel = "LIST", converter = ClientStackConverter.class,
            description = "Client stacks to calibrate: netty, jetty, okhttp, browser. Default: ${DEFAULT-VALUE}.")
    private List<ClientStack> clients = List.of(ClientStack.NETTY);

    @Option(names = "--tls", description = "Every transport over TLS against the embedded server's self-signed "
            + "certificate. On by itself when the browser calibrates sse-http2 (browsers speak HTTP/2 only over TLS).")
    private boolean tls;

    @Option(names = "--browser-pages", paramLabel = "N", description = BrowserStack.PAGES_HELP)
    private int browserPages = 0;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Result directory (runs in baseline/ and delayed/). Default: pushbench-results/<date-time>.")
    private Path out;

    @Override
    public Integer call() throws Exception {
        if (delay.isNegative() || delay.isZero()) {
            throw UserError.usage("--delay must be > 0, was " + Durations.format(delay));
        }
        boolean browser = clients.contains(ClientStack.BROWSER);
        boolean browserRate = rate == null && browser;
        boolean browserSubscribers = subscribers == null && browser;
        double effectiveRate = rate != null ? rate : browserRate ? BROWSER_DEFAULT_RATE : DEFAULT_RATE;
        int effectiveSubscribers = subscribers != null ? subscribers
                : browserSubscribers ? BROWSER_DEFAULT_SUBSCRIBERS : DEFAULT_SUBSCRIBERS;
        RunSpec spec;
        boolean overTls = tls || browser && transports.contains(Transport.SSE_HTTP2);
        try {
            spec = RunSpec.builder().name("calibrate").transports(transports).clients(clients).rate(effectiveRate)
                    .subscribers(effectiveSubscribers).warmup(warmup).duration(duration).tls(overTls).build();
        } catch (IllegalArgumentException e) {
            throw UserError.usage("--" + e.getMessage());
        }
        BrowserStack.check(spec, browserPages);
        Path dir = ResultDirectory.prepare(out);
        PrintWriter console = command.commandLine().getOut();
        console.printf("calibrating with an injected delay of %s at %s msg/s to %s: each transport runs "
                + "without it, then with it%n", Durations.format(delay), Ramp.format(effectiveRate),
                subscriberCount(effectiveSubscribers));
        if (browserRate) {
            console.printf("at %s msg/s, the browser's default: Chromium's HTTP/2 stream batches what arrives within a "
                    + "millisecond (--rate sets another)%n", Ramp.format(effectiveRate));
        }
        if (browserSubscribers) {
            console.printf("to %s, the browser's default: pages woken by the same broadcast queue for the CPU, and the "
                    + "queue would set the median (--subscribers sets another)%n", subscriberCount(effectiveSubscribers));
        }
        if (overTls && !tls) {
            console.println("over TLS: the browser speaks HTTP/2 (sse-http2) only over TLS");
        }
        BrowserOptions pages = new BrowserOptions(browserPages);
        List<TransportResult> baseline = comparison(spec, Duration.ZERO, pages)
                .runAll(ResultDirectory.prepare(dir.resolve("baseline")));
        List<TransportResult> delayed = comparison(spec, delay, pages)
                .runAll(ResultDirectory.prepare(dir.resolve("delayed")));

        double injected = delay.toNanos() / 1000.0;
        double tolerance = Math.max(TOLERANCE_FLOOR_MICROS, injected * TOLERANCE_PERCENT / 100);
        console.printf("%n%-22s %12s %12s %12s %12s %12s %8s%n", "transport", "p50 base ms", "p50 delay ms",
                "shift ms", "injected ms", "clock +/- ms", "verdict");
        boolean allAgree = true;
        for (int i = 0; i < baseline.size(); i++) {
            double before = baseline.get(i).latency().get(Metrics.PUSH_CORRECTED).p50();
            double after = delayed.get(i).latency().get(Metrics.PUSH_CORRECTED).p50();
            double shift = after - before;
            // A browser's times carry the error of mapping its page clock onto ours, in each of the two runs.
            double clockMicros = (clockBoundMillis(baseline.get(i)) + clockBoundMillis(delayed.get(i))) * 1000;
            boolean agrees = Math.abs(shift - injected) <= tolerance + clockMicros;
            allAgree &= agrees;
            console.printf("%-22s %12.3f %12.3f %12.3f %12.3f %12s %8s%n", baseline.get(i).label(), before / 1000,
                    after / 1000, shift / 1000, injected / 1000,
                    clockMicros == 0 ? "-" : String.format("%.3f", clockMicros / 1000), agrees ? "ok" : "OFF");
        }
        console.printf("tolerance: +/- %.3f ms (plus the clock bound of both runs where there is one); results: %s%n",
                tolerance / 1000, dir.toAbsolutePath());
        return allAgree ? 0 : PushBench.EXIT_FAILURE;
    }

    /** A quiet comparison of {@code spec} without floors, against embedded servers that add {@code delay}. */
    private static Comparison comparison(RunSpec spec, Duration delay, BrowserOptions pages) {
        return Comparison.builder()
                .spec(spec)
                .servers(ServerSessions.embedded(0, delay, spec.heartbeat(), spec.tls()))
                .browser(pages)
                .build();
    }

    private static double clockBoundMillis(TransportResult result) {
        return result.browser() == null ? 0 : result.browser().clockErrorMillis();
    }

    private static String subscriberCount(int n) {
        return n == 1 ? "1 subscriber" : n + " subscribers";
    }
}
