package io.pushbench.cli;

import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.engine.ClientEventLoops;
import io.pushbench.core.driver.ProtocolOptions;
import io.pushbench.core.driver.Drivers;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TlsTrust;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.engine.CapacityRun;
import io.pushbench.core.engine.StepResults;
import io.pushbench.core.engine.StartGate;
import io.pushbench.core.spec.CapacitySpec;
import io.pushbench.core.spec.Ramp;
import io.pushbench.core.spec.Slo;
import io.pushbench.core.gate.Check;
import io.pushbench.core.gate.Thresholds;
import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.spec.CapacityMode;
import io.pushbench.core.spec.CapacitySpec;
import io.pushbench.core.spec.Ramp;
import io.pushbench.core.spec.Slo;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code pushbench capacity}: finds the load at which an existing server breaks a latency
 * objective. The server is anyone's: any WebSocket, SSE or long-polling endpoint reachable by URL.
 * A staircase of connections ({@code --connections 100..2000/100}) or of message rate
 * ({@code --rate 1000..50000/1000}) is climbed a step at a time, each held for
 * {@code --step-duration}; the run stops at the first step that breaks {@code --slo} and reports
 * the highest step that held, in one line.
 *
 * <h2>Modes</h2>
 * <ul>
 *   <li>{@code pubsub}: pushbench publishes envelopes through {@code --publish-url} (an HTTP
 *       {@code POST} of the envelope as the body, or a text frame on a socket for {@code ws://}) on a
 *       fixed schedule, and subscribes at {@code --url}: publish-to-receive latency through the server,
 *       from the planned publish time; loss and duplicates per subscriber.</li>
 *   <li>{@code echo}: every connection sends envelopes that the server returns to it: WebSocket
 *       frames on the socket, or, for the HTTP transports, a {@code POST} to {@code --echo-url} whose
 *       answer comes down that connection's push channel; round-trip latency.</li>
 *   <li>{@code passive}: subscribe only, to a server that pushes on its own: connect time, time to
 *       the first message, message rate, gaps between messages, disconnects; latency only when the
 *       server's messages carry envelopes (as {@code pushbench serve --rate} sends).</li>
 * </ul>
 *
 * <h2>How pushbench finds its envelope in a server's messages</h2>
 * Every message pushbench sends is an envelope, {@code pb1:<sequence>:<plannedNanos>:<lagNanos>;}
 * padded with {@code x} to {@code --size}, made only of characters that pass unchanged through JSON
 * strings, SSE {@code data:} lines and URLs. A server may wrap it in anything: a JSON object
 * ({@code {"type":"msg","text":"pb1:...;xxx"}}), a frame of its own, an SSE event with other fields.
 * On receipt, pushbench looks for the first {@code pb1:} in the message and reads the envelope from
 * there to its {@code ;}, ignoring everything around it. A message without one is counted as
 * {@code undecodable} (in pubsub and echo) and not measured; the server must pass the text through
 * intact, though it may escape nothing in it.
 *
 * <h2>Results</h2>
 * {@code result.json} is rewritten after every step, so a run that is stopped keeps the steps it
 * completed; each step has its histogram log. At the end (also after Ctrl-C, or when a step broke)
 * {@code report.html} is rendered from those files, as {@code pushbench report DIR} would.
 *
 * <h2>Between steps</h2>
 * Connections are kept: a connection ramp only opens the connections a step adds, at most
 * {@code --connect-rate} per second, so each step measures the load it names and not a reconnect
 * storm. Sending pauses between steps while they open. A connection lost during a step counts
 * against it even if it was reopened.
 */
@Command(name = "capacity", sortOptions = false, mixinStandardHelpOptions = true,
        exitCodeListHeading = PushBench.EXIT_CODES_HEADING,
        exitCodeList = {PushBench.EXIT_CODE_OK, PushBench.EXIT_CODE_FAILURE, PushBench.EXIT_CODE_USAGE,
            PushBench.EXIT_CODE_THRESHOLD},
        description = {"Find the load at which an existing server breaks a latency objective.",
            "Climbs a staircase of connections or message rate, one step per --step-duration, and stops at the "
                + "first step that breaks --slo; the capacity is the highest step that held."})
final class CapacityCommand implements Callable<Integer> {

    /** Default objective for pubsub and echo: the default error budget is added to it. */
    static final String DEFAULT_SLO = "p99<100ms";
    /** Default objective for passive mode, where latency is only known when the server sends envelopes. */
    static final String DEFAULT_PASSIVE_SLO = "errors<1%";
    /** Default rate for echo: round trips per second, shared by all connections. */
    static final double DEFAULT_ECHO_RATE = 1000;
    /** Default rate for pubsub: messages published per second, each delivered to every subscriber. */
    static final double DEFAULT_PUBSUB_RATE = 100;

    @Spec
    private picocli.CommandLine.Model.CommandSpec command;

    @Option(names = "--url", required = true, paramLabel = "URL", converter = UrlConverter.class,
            description = "Where the connections subscribe: ws:// or wss:// for websocket, http:// or https:// for the "
                    + "HTTP transports. Query parameters pass through (a client= parameter is made unique per "
                    + "connection on the HTTP transports).")
    private URI url;

    @Option(names = "--transport", paramLabel = "T", converter = TransportConverter.class,
            completionCandidates = TransportConverter.Names.class,
            description = "Transport of the subscriptions: ${COMPLETION-CANDIDATES}. Default: websocket for a ws(s):// "
                    + "URL; required for an http(s):// URL.")
    private Transport transport;

    @Option(names = "--mode", required = true, paramLabel = "MODE", converter = CapacityModeConverter.class,
            description = "pubsub (publish through --publish-url, receive at --url), echo (each connection's message "
                    + "comes back to it) or passive (only listen to a server that pushes on its own).")
    private CapacityMode mode;

    @Option(names = "--publish-url", paramLabel = "URL", converter = UrlConverter.class,
            description = "pubsub: where pushbench publishes each envelope: http(s):// gets a POST with the envelope as "
                    + "its body, ws(s):// a text frame on one socket.")
    private URI publishUrl;

    @Option(names = "--publish-protocol", paramLabel = "P", converter = PublishProtocol.Converter.class,
            completionCandidates = PublishProtocol.Names.class,
            description = "pubsub to an http(s):// --publish-url: the HTTP version of the POSTs, ${COMPLETION-CANDIDATES} "
                    + "(h2: h2c with prior knowledge on http://, h2 by ALPN on https://). Default: what the "
                    + "subscribers speak, h2 for sse-http2, else http1.")
    private PublishProtocol publishProtocol;

    @Option(names = "--echo-url", paramLabel = "URL", converter = UrlConverter.class,
            description = "echo on the HTTP transports: where each envelope is POSTed; the server answers down the "
                    + "sender's push channel (a client= query parameter here and in --url is made unique per "
                    + "connection).")
    private URI echoUrl;

    @Option(names = "--connections", paramLabel = "N|FROM..TO/STEP", converter = RampConverter.class,
            description = "Connections per step: a number, or a staircase such as 100..2000/100. Default: 10.")
    private Ramp connections = Ramp.fixed(10);

    @Option(names = "--rate", paramLabel = "MSG/S|FROM..TO/STEP", converter = RampConverter.class,
            description = "Messages per second per step: published (pubsub) or sent by all connections together "
                    + "(echo); a number or a staircase such as 1000..50000/1000. Not for passive. Default: "
                    + "1000 for echo, 100 for pubsub.")
    private Ramp rate;

    @Option(names = "--step-duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Measured time of each step. Default: 5s.")
    private Duration stepDuration = Duration.ofSeconds(5);

    @Option(names = "--step-warmup", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Unrecorded time at the start of each step, after its new connections opened. Default: 1s.")
    private Duration stepWarmup = Duration.ofSeconds(1);

    @Option(names = "--drain", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "After a step's last send, the longest wait for messages in flight. Default: 2s.")
    private Duration drain = Duration.ofSeconds(2);

    @Option(names = "--slo", paramLabel = "OBJECTIVES", converter = SloConverter.class,
            description = "What a step must meet to hold, e.g. \"p99<100ms,errors<0.1%%\": p50, p90, p99, p99.9, max, "
                    + "mean of the message latency (also after connect- or gap-), errors as a percentage of "
                    + "connections not held or messages lost, lost as a count (lost=0), cpu-per-msg and "
                    + "pushbench-cpu-per-msg as durations. errors<1%% is added when no error limit is given. "
                    + "Default: " + DEFAULT_SLO + " (passive: errors<1%%).")
    private Slo slo;

    @Option(names = "--assert", paramLabel = "THRESHOLDS", converter = ThresholdsConverter.class,
            description = "Thresholds the run must meet, or it exits 99 (a CI gate): objectives as for --slo, checked "
                    + "at the step that held at the capacity found (the first step when none held), and capacity>=N "
                    + "for the capacity found (connections or msg/s, whichever is ramped); e.g. \"capacity>=500,"
                    + "p99<50ms,lost=0\". No error budget is added. One line per check; also in result.json, the "
                    + "report, summary.md and junit-thresholds.xml.")
    private Thresholds thresholds;

    @Option(names = "--size", paramLabel = "BYTES",
            description = "Size of each envelope pushbench sends. Default: ${DEFAULT-VALUE}.")
    private int size = 256;

    @Option(names = {"-H", "--header"}, paramLabel = "'NAME: VALUE'", converter = HeaderConverter.class,
            description = "A request header sent on every request (subscribe, publish, echo); repeatable. Values are "
                    + "not written to the results.")
    private List<Map.Entry<String, String>> headers = new ArrayList<>();

    @Option(names = "--trust-store", paramLabel = "FILE",
            description = "Certificates to trust for wss:// and https:// instead of the JDK's (e.g. a self-signed "
                    + "server's): a PKCS12 or JKS trust store, or PEM certificates (as 'serve --tls-port' writes).")
    private Path trustStore;

    @Option(names = "--trust-store-password", paramLabel = "PASSWORD",
            description = "The trust store's password, if it has one.")
    private String trustStorePassword;

    @Option(names = "--insecure",
            description = "Trust any certificate and skip the host-name check (test servers only; a warning is "
                    + "printed). Certificates are verified by default.")
    private boolean insecure;

    @Option(names = "--streams-per-connection", paramLabel = "N",
            description = "sse-http2: most streams per TCP connection; the server's SETTINGS_MAX_CONCURRENT_STREAMS "
                    + "always holds, and more connections open as needed. 0: as many as the server allows. "
                    + "Default: ${DEFAULT-VALUE}.")
    private int streamsPerConnection = 0;

    @Option(names = "--connect-rate", paramLabel = "N/s", converter = ConnectRateConverter.class,
            description = "Most new connections started per second, so a ramp does not flood the server. "
                    + "Default: 500/s.")
    private double connectRate = 500;

    @Option(names = "--local-addresses", paramLabel = "RANGE|LIST", converter = LocalAddressesConverter.class,
            description = "Source addresses to spread connections over, e.g. 127.0.0.2-127.0.0.9: each has its own "
                    + "ephemeral ports, for tens of thousands of connections to one server. Default: the system's.")
    private List<InetAddress> localAddresses = List.of();

    @Mixin
    private SendTimingOptions sendTiming = new SendTimingOptions();

    @Mixin
    private ProtocolOptionsMixin protocol = new ProtocolOptionsMixin();

    /** What {@link #protocol} says for the run's transport; set by {@link #buildSpec()}. */
    private ProtocolOptions protocolOptions;

    @Option(names = "--io-threads", paramLabel = "N",
            description = "Client I/O threads; 0 for as few as the ramp's top rate needs (one per "
                    + ClientEventLoops.MESSAGES_PER_LOOP + " messages/s sent and received), at most one per core, or half "
                    + "the cores when --url is this machine (the server needs the rest). "
                    + "Default: ${DEFAULT-VALUE}.")
    private int ioThreads = 0;

    @Option(names = "--no-generator-floor",
            description = "Skip the generator floor: by default, for WebSocket echo (ws://) and SSE pubsub (http://), a "
                    + "bare Netty client runs for a few seconds after each step of at most "
                    + CapacityGeneratorFloor.MAX_CONNECTIONS + " connections, at its connections and rate, and the "
                    + "step's pushbench CPU per message is shown as a multiple of the bare client's.")
    private boolean noGeneratorFloor;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Result directory: result.json, one histogram log per step, and report.html (the capacity "
                    + "chart and every step's figures). Default: pushbench-results/<date-time>.")
    private Path out;

    @Mixin
    private ShardOptions shardOptions = new ShardOptions();

    @Option(names = "--quiet", description = "No progress lines while running; the table and the verdict are still printed.")
    private boolean quiet;

    @Override
    public Integer call() throws Exception {
        CapacitySpec spec = buildSpec();
        PublishProtocol publishWith = publishProtocol();
        if (thresholds != null) {
            try {
                thresholds.requireSubjects(List.of(spec.label()));
            } catch (IllegalArgumentException e) {
                throw UserError.usage("--assert " + e.getMessage());
            }
        }
        DriverOptions options = driverOptions(spec);
        PrintWriter console = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        if (insecure) {
            err.println("pushbench: warning: --insecure: server certificates are not checked; anyone on the path "
                    + "can read and change this traffic");
        }
        Path dir = ResultDirectory.prepare(out);
        ShardSession shard = ShardSession.open(shardOptions, System.getenv(), dir, console, spec);
        Map<String, String> headerMap = headerMap();
        Target target = new Target(url, spec.mode() == CapacityMode.ECHO ? echoUrl : null, headerMap);
        console.println(CapacityProgress.header(spec));
        if (publishWith != null) {
            console.println("publishing: POST " + publishUrl + " over " + publishWith.describe(publishUrl));
        }
        CapacityRun.Listener listener = new StepResults(dir, quiet ? null : new CapacityProgress(console));
        // A shard's generator floor would measure one machine at the whole run's rate: none for shards.
        CapacityGeneratorFloor floor = shard != null ? null
                : generatorFloor(spec, listener, target, headerMap, dir, quiet ? null : console);
        CapacityResult result;
        List<Check> checks = List.of();
        try (TransportDriver driver = Drivers.create(spec.transport(), spec.client(), options);
             PublishPath publish = spec.mode() == CapacityMode.PUBSUB
                     ? PublishPath.open(publishUrl, headerMap, options, publishWith) : null) {
            CapacityRun run = CapacityRun.builder()
                    .spec(spec)
                    .driver(driver)
                    .target(target)
                    .upstream(publish == null ? null : publish.upstream())
                    .resultDir(dir)
                    .listener(floor != null ? floor : listener)
                    .shard(ShardSession.slice(shard))
                    .startGate(ShardSession.gate(shard))
                    .build();
            // After a signal the JVM exits once this block ends: the results are written and printed inside it.
            try (Interruption interruption = Interruption.onSignal(() -> {
                if (floor != null) {
                    floor.stop();
                }
                run.stop();
            })) {
                result = run.run();
                if (floor != null) {
                    result = floor.withFloors(result);
                }
                ResultDirectory.write(dir, result);
                CapacityTable.print(console, result);
                console.println();
                console.println(result.verdict().summary());
                if (!spec.protocol().isEmpty()) {
                    console.println("client protocol: " + String.join(", ", spec.protocol()));
                }
                if (result.interrupted()) {
                    console.println("interrupted: the results hold the steps completed until then");
                }
                if (thresholds != null) {
                    checks = thresholds.check(result);
                    GateChecks.keep(dir, checks);
                    GateChecks.print(console, "thresholds", checks);
                }
                console.println("results: " + dir.toAbsolutePath());
                console.println("report: " + ReportCommand.render(dir, null).page().toAbsolutePath());
                console.flush();
                ShardSession.finish(shard, result.interrupted());
            }
        } catch (CapacityRun.UnreachableTargetException e) {
            throw ShardSession.failed(shard, UserError.failure("--url " + e.getMessage()));
        } catch (StartGate.StartRefusedException e) {
            throw ShardSession.failed(shard, UserError.failure(e.getMessage()));
        } catch (UncheckedIOException e) {
            // A step's result.json could not be written (StepResults).
            throw ShardSession.failed(shard, UserError.failure("--out " + dir + ": " + e.getMessage()));
        } finally {
            ShardSession.close(shard);
        }
        if (result.interrupted()) {
            return PushBench.EXIT_FAILURE;
        }
        String setupError = setupError(spec, result);
        if (setupError != null) {
            throw UserError.failure(setupError);
        }
        return GateChecks.exitCode(checks, 0);
    }

    /**
     * The generator floor wrapping {@code listener}, or null when it is off ({@code --no-generator-floor}), the
     * mode sends nothing (passive), or there is no bare client for this run (said on the console).
     */
    private CapacityGeneratorFloor generatorFloor(CapacitySpec spec, CapacityRun.Listener listener, Target target,
                                                  Map<String, String> headerMap, Path dir, PrintWriter progress) {
        if (noGeneratorFloor || spec.mode() == CapacityMode.PASSIVE) {
            return null;
        }
        String why = CapacityGeneratorFloor.whyNot(spec);
        if (why != null) {
            GeneratorFloors.print(progress, "generator floor: not measured: " + why);
            return null;
        }
        Target publish = spec.mode() == CapacityMode.PUBSUB ? new Target(publishUrl, null, headerMap) : null;
        return new CapacityGeneratorFloor(listener, spec, target, publish, dir, progress);
    }

    /**
     * The HTTP version of the publishes to an {@code http(s)://} publish URL (the option, else what the
     * subscribers speak); null when nothing is published over HTTP.
     */
    private PublishProtocol publishProtocol() {
        if (mode != CapacityMode.PUBSUB || publishUrl == null
                || !publishUrl.getScheme().toLowerCase(Locale.ROOT).startsWith("http")) {
            if (publishProtocol != null) {
                throw UserError.usage("--publish-protocol applies to --mode pubsub with an http(s):// --publish-url");
            }
            return null;
        }
        return publishProtocol != null ? publishProtocol : PublishProtocol.of(transport);
    }

    /**
     * When the first step got nothing back at all and counted errors, the set-up is wrong (a
     * publish URL that answers 404, a server that does not echo): one line naming the first error.
     */
    private String setupError(CapacitySpec spec, CapacityResult result) {
        if (result.steps().isEmpty() || spec.mode() == CapacityMode.PASSIVE) {
            return null;
        }
        CapacityResult.Step first = result.steps().get(0);
        if (first.result().delivery().received() > 0 || first.result().errors().isEmpty()) {
            return null;
        }
        String option = spec.mode() == CapacityMode.PUBSUB ? "--publish-url " + publishUrl
                : "--url " + url + (echoUrl != null ? " --echo-url " + echoUrl : "");
        return option + ": nothing came back in the first step: " + first.firstError();
    }

    private CapacitySpec buildSpec() {
        Transport chosen = transport;
        if (chosen == null) {
            String scheme = url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("ws") && !scheme.equals("wss")) {
                throw UserError.usage("--transport is needed for an " + scheme + ":// URL: sse-http1, sse-http2 or "
                        + "long-polling (websocket takes ws:// or wss://)");
            }
            chosen = Transport.WEBSOCKET;
        }
        protocolOptions = protocol.options(chosen);
        Ramp rateRamp = rate;
        if (mode == CapacityMode.PASSIVE) {
            if (rate != null) {
                throw UserError.usage("--rate does not apply to --mode passive: the server sets the rate; ramp "
                        + "--connections instead");
            }
        } else if (rateRamp == null) {
            rateRamp = Ramp.fixed(mode == CapacityMode.ECHO ? DEFAULT_ECHO_RATE : DEFAULT_PUBSUB_RATE);
        }
        try {
            return CapacitySpec.builder()
                    .url(url)
                    .sendUrl(mode == CapacityMode.PUBSUB ? publishUrl : echoUrl)
                    .headerNames(headers.stream().map(Map.Entry::getKey).distinct().toList())
                    .transport(chosen)
                    .client(ClientStack.NETTY)
                    .mode(mode)
                    .connections(connections)
                    .rate(rateRamp)
                    .slo(slo != null ? slo : Slo.parse(mode == CapacityMode.PASSIVE ? DEFAULT_PASSIVE_SLO : DEFAULT_SLO))
                    .messageSize(size)
                    .stepWarmup(stepWarmup)
                    .stepDuration(stepDuration)
                    .drain(drain)
                    .connectsPerSecond(connectRate)
                    .timing(sendTiming.timing())
                    .protocol(protocolOptions.describe())
                    .build();
        } catch (IllegalArgumentException e) {
            throw UserError.usage("--" + e.getMessage());
        }
    }

    private DriverOptions driverOptions(CapacitySpec spec) {
        if (trustStorePassword != null && trustStore == null) {
            throw UserError.usage("--trust-store-password needs --trust-store FILE");
        }
        if (insecure && trustStore != null) {
            throw UserError.usage("--insecure and --trust-store exclude each other: trust everything, or only the "
                    + "trust store's certificates");
        }
        try {
            // The trust store is read now, so that a wrong file or password is named before anything runs.
            TlsTrust trust = insecure ? TlsTrust.insecure()
                    : trustStore != null ? TlsTrust.trustStore(trustStore, trustStorePassword) : TlsTrust.system();
            return DriverOptions.builder()
                    .ioThreads(ClientEventLoops.forPlan(ioThreads, ClientEventLoops.plannedMessages(spec),
                            ClientEventLoops.onThisMachine(spec.url())))
                    .streamsPerConnection(streamsPerConnection).trust(trust)
                    .localAddresses(localAddresses).protocol(protocolOptions).build();
        } catch (IllegalArgumentException e) {
            throw UserError.usage("--" + e.getMessage());
        }
    }

    /** The headers by name; a name given twice gets both values, comma-separated (RFC 9110 5.3). */
    private Map<String, String> headerMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : headers) {
            map.merge(h.getKey(), h.getValue(), (a, b) -> a + ", " + b);
        }
        return map;
    }
}
