package io.pushbench.cli;

import io.pushbench.core.engine.ClientEventLoops;
import io.pushbench.core.engine.StartGate;
import io.pushbench.core.driver.BrowserOptions;
import io.pushbench.core.spec.LoadModel;
import io.pushbench.core.spec.Ramp;
import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.spec.Slo;
import io.pushbench.core.spec.Workload;
import io.pushbench.core.engine.compare.CompareStaircase;
import io.pushbench.core.engine.compare.Comparison;
import io.pushbench.core.gate.Check;
import io.pushbench.core.gate.Thresholds;
import io.pushbench.core.result.AgreementCheck;
import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code pushbench compare}: runs the same workload through each transport against an embedded
 * reference server, one transport after the other with a fresh server each time, and prints them
 * side by side, each against the floor (a raw TCP ping-pong measured first, unless {@code --no-floor}),
 * and pushbench's own CPU per message against the generator floor (a bare Netty client at the same load,
 * measured after them, unless {@code --no-generator-floor}).
 * With {@code --server} it measures a running {@code pushbench serve} instead, which may be
 * restarted or fail mid-run: each driver recovers as its transport does, and the summary shows the
 * reconnects, the downtime and the messages lost in the gaps. Any host is accepted, as for
 * {@code capacity}: the server is the user's to load (pushbench's own tests use loopback only).
 * Results go to a directory: {@code result.json} (rewritten after each transport, so an interrupted
 * run keeps what it measured) and one histogram log per transport and for the floor.
 */
@Command(name = "compare", sortOptions = false, mixinStandardHelpOptions = true,
        exitCodeListHeading = PushBench.EXIT_CODES_HEADING,
        exitCodeList = {PushBench.EXIT_CODE_OK, PushBench.EXIT_CODE_FAILURE, PushBench.EXIT_CODE_USAGE,
            PushBench.EXIT_CODE_THRESHOLD},
        description = {"Compare transports on one workload against the embedded reference server (or a running "
                + "one, with --server).",
            "Latency is measured from each message's planned send time (corrected for coordinated "
                + "omission); the uncorrected figure is kept beside it in the results."})
final class CompareCommand implements Callable<Integer> {

    /** The transports a run compares when none are named: every transport. */
    static final List<Transport> DEFAULT_TRANSPORTS = List.of(Transport.values());

    /** How long the check that {@code --server} listens waits for a connection. */
    private static final int CONNECT_TIMEOUT_MILLIS = 5000;

    @Spec
    private picocli.CommandLine.Model.CommandSpec command;

    @Option(names = "--scenario", paramLabel = "FILE",
            description = "A scenario file (YAML; its keys are these options' names without dashes, e.g. "
                    + "scenarios/market-data.yaml). Options given here win over the file's.")
    private Path scenario;

    private String scenarioName = "adhoc";

    @Option(names = "--transports", split = ",", paramLabel = "LIST",
            description = "Transports to run, comma-separated: ${COMPLETION-CANDIDATES}. Default: all of them.",
            converter = TransportConverter.class, completionCandidates = TransportConverter.Names.class)
    private List<Transport> transports = DEFAULT_TRANSPORTS;

    @Option(names = "--clients", split = ",", paramLabel = "LIST",
            description = "Client stacks to measure with: netty, jetty, okhttp, browser (headless Chromium). "
                    + "Default: ${DEFAULT-VALUE}.",
            converter = ClientStackConverter.class)
    private List<ClientStack> clients = List.of(ClientStack.NETTY);

    @Option(names = "--workload", paramLabel = "KIND", converter = WorkloadConverter.class,
            description = "broadcast (server pushes to every subscriber: one-way latency), echo "
                    + "(each client's message comes back: round trip), chat (every client sends, the server "
                    + "broadcasts each message to all: one-way latency) or idle (connections held, nothing sent: "
                    + "memory, CPU and heartbeats per connection; --rate unused). Default: ${DEFAULT-VALUE}.")
    private Workload workload = Workload.BROADCAST;

    @Option(names = "--rate", paramLabel = "MSG/S|FROM..TO*FACTOR", converter = RampConverter.class,
            description = "Messages per second: published (broadcast) or sent in total by the clients (echo, "
                    + "chat), on a fixed schedule. A staircase (FROM..TO/STEP, or geometric FROM..TO*FACTOR such as "
                    + "500..32000*2) finds each transport's highest sustained rate: one step per --warmup + "
                    + "--duration, stopping at the first step that breaks --slo or saturates pushbench. "
                    + "Default: 1000.")
    private Ramp rate = Ramp.fixed(1000);

    @Option(names = "--slo", paramLabel = "OBJECTIVES", converter = SloConverter.class,
            description = "With a --rate staircase: what a step must meet to hold, e.g. \"p99<10ms\" (objectives as "
                    + "for 'capacity --slo'; errors<1%% is added when no error limit is given). Default: "
                    + CapacityCommand.DEFAULT_SLO + ".")
    private Slo slo;

    @Option(names = "--assert", paramLabel = "THRESHOLDS", converter = ThresholdsConverter.class,
            description = "Thresholds the run must meet, or it exits 99 (a CI gate): objectives as for --slo, each for "
                    + "every transport or, after a transport and a colon, for one; e.g. \"p99<10ms,lost=0,"
                    + "websocket:errors<0.1%%,cpu-per-msg<50us\" (cpu-per-msg: the embedded server's CPU per "
                    + "message). With a --rate staircase, judged at the step that held, and capacity>=N (msg/s) "
                    + "checks the rate found. One line per check; also in result.json, the report, summary.md and "
                    + "junit-thresholds.xml.")
    private Thresholds thresholds;

    @Option(names = "--closed",
            description = "Echo only: closed model, each client sends its next message after the reply "
                    + "(and --think-time) instead of on a schedule.")
    private boolean closed;

    @Option(names = "--think-time", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With --closed: pause after each reply. Default: 0s.")
    private Duration thinkTime = Duration.ZERO;

    @Option(names = "--size", paramLabel = "BYTES",
            description = "Size of each message in bytes (a padded envelope). Default: ${DEFAULT-VALUE}.")
    private int size = 256;

    @Option(names = "--subscribers", paramLabel = "N",
            description = "Connections: subscribers (broadcast, idle) or clients (echo, chat). Default: ${DEFAULT-VALUE}.")
    private int subscribers = 10;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Measured phase per transport, e.g. 10s, 2m. Default: 10s.")
    private Duration duration = Duration.ofSeconds(10);

    @Option(names = "--warmup", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Unrecorded phase before measuring. Default: 2s.")
    private Duration warmup = Duration.ofSeconds(2);

    @Option(names = "--drain", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "After the last send, how long to wait for messages in flight. Default: 2s.")
    private Duration drain = Duration.ofSeconds(2);

    @Option(names = "--streams-per-connection", paramLabel = "N",
            description = "sse-http2: HTTP/2 streams per TCP connection; 0 puts all on one. Default: ${DEFAULT-VALUE}.")
    private int streamsPerConnection = 0;

    @Option(names = "--tls",
            description = "Every transport over TLS against the embedded server's self-signed certificate (trusted "
                    + "for this run): wss://, https:// SSE and long polling, sse-http2 as h2 by ALPN; the floor and "
                    + "the generator floor over TLS too. Not with --server.")
    private boolean tls;

    @Option(names = "--browser-pages", paramLabel = "N", description = BrowserStack.PAGES_HELP)
    private int browserPages = 0;

    @Option(names = "--heartbeat", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Heartbeat interval of the embedded server (WebSocket ping, SSE comment, empty long-poll "
                    + "answer) and of the WebSocket client's pings. Workload idle measures at least two. Default: 15s.")
    private Duration heartbeat = RunSpec.DEFAULT_HEARTBEAT;

    @Mixin
    private SendTimingOptions sendTiming = new SendTimingOptions();

    @Option(names = "--io-threads", paramLabel = "N",
            description = "Client I/O threads; 0 for as few as the planned rate needs (one per "
                    + ClientEventLoops.MESSAGES_PER_LOOP + " messages/s sent and received), at most one per core, "
                    + "or half the cores when the server runs on this machine. Default: ${DEFAULT-VALUE}.")
    private int ioThreads = 0;

    @Option(names = "--server", paramLabel = "URL", converter = UrlConverter.class,
            description = "Measure a running 'pushbench serve' at this address, e.g. http://127.0.0.1:8080, instead of "
                    + "an embedded server. Its CPU is not measured (result.json: serverCpuMillis -1). "
                    + "Default: an embedded server per transport.")
    private URI server;

    @Option(names = "--port", paramLabel = "PORT",
            description = "Port of the embedded reference server; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    private int port = 0;

    @Option(names = "--delay", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Delay the reference server adds before writing each broadcast: a known shift, for "
                    + "checking the measurement (see 'pushbench calibrate'). Default: 0s.")
    private Duration delay = Duration.ZERO;

    @Option(names = "--no-floor",
            description = "Skip the floor: by default a raw TCP ping-pong on loopback (no HTTP, no framing) runs "
                    + "first at the same rate and size, and each transport's p50 and p99 are shown as multiples of it.")
    private boolean noFloor;

    @Option(names = "--no-generator-floor",
            description = "Skip the generator floor: by default, for echo and broadcast, a bare Netty client (a "
                    + "WebSocket echo client, or SSE readers) runs for a few seconds after the transports, against the same "
                    + "server at the same rate, size and connections, and pushbench's CPU per message is shown as a multiple of the bare client's.")
    private boolean noGeneratorFloor;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Result directory. Default: pushbench-results/<date-time>.")
    private Path out;

    @Mixin
    private ShardOptions shardOptions = new ShardOptions();

    @Option(names = "--quiet", description = "No progress lines while running; the summary is still printed.")
    private boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (scenario != null) {
            return withScenario().call();
        }
        RunSpec spec = buildSpec();
        checkThresholdSubjects(spec);
        BrowserStack.check(spec, browserPages);
        if (server != null) {
            if (tls) {
                throw UserError.usage("--tls runs against the embedded server's TLS port; against 'pushbench serve "
                        + "--tls-port' use 'pushbench capacity' with its https:// or wss:// URLs");
            }
            checkServer();
        }
        if (!rate.isFixed()) {
            if (server != null) {
                throw UserError.usage("--rate " + rate + ": a staircase climbs against the embedded server; with "
                        + "--server give one rate, or use 'pushbench capacity --rate' against that server");
            }
            return climb(spec);
        }
        if (thresholds != null && thresholds.onCapacity()) {
            throw UserError.usage("--assert " + thresholds + ": capacity>=N judges a staircase; give --rate FROM..TO "
                    + "(e.g. 500..32000*2) or leave capacity out");
        }
        if (slo != null) {
            throw UserError.usage("--slo applies to a --rate staircase only (e.g. --rate 500..32000*2); a fixed "
                    + "rate is not judged");
        }
        Path dir = ResultDirectory.prepare(out);
        PrintWriter console = command.commandLine().getOut();
        PrintWriter progress = quiet ? null : console;
        ShardSession shard = ShardedCompare.open(shardOptions, server, spec, dir, console);
        // A shard measures no floors: they are this machine's alone, and would hold the other shards back.
        Comparison runner = Comparison.builder()
                .spec(spec)
                .servers(servers(spec))
                .ioThreads(ioThreads)
                .listener(CompareProgress.to(progress))
                .floor(!noFloor && shard == null)
                .generatorFloor(!noGeneratorFloor && shard == null)
                .shard(ShardSession.slice(shard), ShardSession.gate(shard))
                .browser(new BrowserOptions(browserPages))
                .build();
        try (Interruption interruption = Interruption.onSignal(runner::interrupt)) {
            List<TransportResult> results = runner.runAll(dir);
            if (spec.tls()) {
                console.println();
                console.println("over TLS: wss://, https:// (SSE, long polling), h2 by ALPN, against the embedded "
                        + "server's self-signed certificate; the floor is a TLS ping-pong, the generator floor's bare "
                        + "clients speak TLS too");
            }
            SummaryTable.print(console, results, runner.floor(), runner.measuredGeneratorFloor(results));
            AgreementTable.print(console, AgreementCheck.of(results));
            BrowserStack.print(console, results);
            if (runner.wasInterrupted()) {
                console.println("interrupted: the results hold what was measured until then");
            }
            List<Check> checks = thresholds == null ? List.of() : thresholds.check(ResultFiles.read(dir));
            if (!checks.isEmpty()) {
                GateChecks.keep(dir, checks);
                GateChecks.print(console, "thresholds", checks);
            }
            console.println("results: " + dir.toAbsolutePath());
            console.println("report: " + ReportCommand.render(dir, null).page().toAbsolutePath());
            ShardSession.finish(shard, runner.wasInterrupted());
            // After a signal the JVM exits with 128 + the signal's number, whatever is returned here.
            if (runner.wasInterrupted()) {
                return PushBench.EXIT_FAILURE;
            }
            if (Check.anyFailed(checks)) {
                return PushBench.EXIT_THRESHOLD;
            }
            return results.stream().anyMatch(r -> r.connections().opened() == 0) ? PushBench.EXIT_FAILURE : 0;
        } catch (StartGate.StartRefusedException e) {
            throw ShardSession.failed(shard, UserError.failure(e.getMessage()));
        } finally {
            ShardSession.close(shard);
        }
    }

    /** Refuses a threshold for a transport (or client stack) the run does not measure, before anything runs. */
    private void checkThresholdSubjects(RunSpec spec) {
        if (thresholds == null) {
            return;
        }
        try {
            thresholds.requireSubjects(Thresholds.labels(spec));
        } catch (IllegalArgumentException e) {
            throw UserError.usage("--assert " + e.getMessage());
        }
    }

    /** Climbs the --rate staircase through each transport: one capacity result per transport. */
    private int climb(RunSpec spec) throws Exception {
        if (closed) {
            throw UserError.usage("--rate " + rate + ": a staircase sets a schedule, which --closed has none of; "
                    + "drop --closed or give one rate");
        }
        PrintWriter console = command.commandLine().getOut();
        CompareStaircase staircase = new CompareStaircase(spec, rate, slo != null ? slo
                : Slo.parse(CapacityCommand.DEFAULT_SLO), servers(spec), ioThreads,
                CompareProgress.to(quiet ? null : console));
        Path dir = ResultDirectory.prepare(out);
        try (Interruption interruption = Interruption.onSignal(staircase::interrupt)) {
            List<CapacityResult> results = climbAll(staircase, dir);
            results.forEach(r -> {
                console.println();
                console.println(r.scenario().label() + ":");
                CapacityTable.print(console, r);
                console.println(r.verdict().summary());
            });
            StaircaseTable.print(console, results);
            if (staircase.wasInterrupted()) {
                console.println("interrupted: the results hold the steps completed until then");
            }
            List<Check> checks = new ArrayList<>();
            if (thresholds != null) {
                for (CapacityResult r : results) {
                    List<Check> own = thresholds.check(r);
                    GateChecks.keep(dir.resolve(ResultFiles.transportDirName(r.scenario().transport(),
                            r.scenario().client())), own);
                    checks.addAll(own);
                }
                GateChecks.print(console, "thresholds", checks);
            }
            console.println("results: " + dir.toAbsolutePath());
            console.println("report: " + ReportCommand.render(dir, null).page().toAbsolutePath());
            return GateChecks.exitCode(checks, staircase.wasInterrupted() ? PushBench.EXIT_FAILURE : 0);
        }
    }

    /** The servers the run measures: a fresh embedded one per transport, or the running one at {@code --server}. */
    private ServerSessions servers(RunSpec spec) {
        return server != null ? ServerSessions.running(server)
                : ServerSessions.embedded(port, delay, spec.heartbeat(), spec.tls());
    }

    /**
     * Runs {@code staircase}, its failures as one line each.
     *
     * @throws UserError naming the option that makes a step invalid, the transport whose server could not be
     *                   reached, or the result that could not be written
     */
    private static List<CapacityResult> climbAll(CompareStaircase staircase, Path dir) throws InterruptedException {
        try {
            return staircase.runAll(dir);
        } catch (IllegalArgumentException e) {
            throw UserError.usage("--" + e.getMessage());
        } catch (CompareStaircase.UnreachableServerException e) {
            throw UserError.failure(e.transport().id() + ": the embedded server could not be reached: "
                    + e.getMessage());
        } catch (UncheckedIOException e) {
            throw UserError.failure("--out " + dir + ": " + e.getMessage());
        }
    }

    /**
     * A new command whose options are the scenario file's, overridden by those given on the
     * command line: parsed by picocli like the command line, so both are checked the same way.
     */
    CompareCommand withScenario() {
        ScenarioFile file = ScenarioFile.read(scenario, command);
        Set<String> given = new HashSet<>();
        command.commandLine().getParseResult().matchedOptions().forEach(o -> given.add(o.longestName()));
        List<String> args = new ArrayList<>(file.arguments(command, given));
        for (Model.OptionSpec option : command.commandLine().getParseResult().matchedOptions()) {
            if (option.longestName().equals("--scenario")) {
                continue;
            }
            if (option.arity().max() == 0) {
                args.add(option.longestName());
            } else {
                option.originalStringValues().forEach(value -> args.add(option.longestName() + "=" + value));
            }
        }
        CompareCommand merged = new CompareCommand();
        CommandLine cli = new CommandLine(merged);
        cli.setOut(command.commandLine().getOut());
        cli.setErr(command.commandLine().getErr());
        try {
            cli.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            String where = e.getArgSpec() instanceof Model.OptionSpec option ? file.locate(option.longestName()) : null;
            throw UserError.usage((where == null ? "" : where + ": ") + e.getMessage());
        }
        merged.scenarioName = file.name();
        return merged;
    }

    /**
     * Checks {@code --server} before anything runs: the plain HTTP port of a reference server,
     * without the embedded server's options, and something listening there.
     *
     * @throws UserError naming {@code --server}, its value and what would be valid
     */
    private void checkServer() {
        String scheme = server.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") || server.getPort() < 0
                || !(server.getRawPath() == null || server.getRawPath().isEmpty() || server.getRawPath().equals("/"))) {
            throw UserError.usage("--server " + server + ": give the plain port of 'pushbench serve' as "
                    + "http://HOST:PORT (no path, no https), e.g. http://127.0.0.1:8080");
        }
        if (port != 0 || !delay.isZero()) {
            throw UserError.usage("--port and --delay set up the embedded server: with --server " + server
                    + ", give them to 'pushbench serve' instead");
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), CONNECT_TIMEOUT_MILLIS);
        } catch (UnknownHostException e) {
            throw UserError.failure("--server " + server + ": unknown host " + server.getHost());
        } catch (IOException e) {
            throw UserError.failure("--server " + server + ": cannot connect (" + e.getMessage()
                    + "); is 'pushbench serve --port " + server.getPort() + "' running there?");
        }
    }

    /**
     * The run these options define.
     *
     * @throws UserError naming the first invalid option
     */
    RunSpec buildSpec() {
        try {
            return RunSpec.builder()
                    .name(scenarioName)
                    .transports(transports)
                    .clients(clients)
                    .workload(workload)
                    // A staircase is checked at its first step here; CompareStaircase replaces the load.
                    .load(closed ? new LoadModel.Closed(thinkTime) : new LoadModel.ConstantRate(rate.from()))
                    .messageSize(size)
                    .subscribers(subscribers)
                    .warmup(warmup)
                    .duration(duration)
                    .drain(drain)
                    .streamsPerConnection(streamsPerConnection)
                    .heartbeat(heartbeat)
                    .timing(sendTiming.timing())
                    .tls(tls)
                    .build();
        } catch (IllegalArgumentException e) {
            throw UserError.usage("--" + e.getMessage());
        }
    }
}
