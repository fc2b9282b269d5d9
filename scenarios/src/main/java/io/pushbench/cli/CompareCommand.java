package io.pushbench.cli;

import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.Drivers;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.engine.LoadModel;
import io.pushbench.core.engine.RunSpec;
import io.pushbench.core.engine.TransportRun;
import io.pushbench.core.engine.Workload;
import io.pushbench.core.result.Environment;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.RunResult;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;
import io.pushbench.server.ReferenceServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code pushbench compare}: runs the same workload through each transport against an embedded
 * reference server, one transport after the other with a fresh server each time, and prints them
 * side by side. Results go to a directory: {@code result.json} (rewritten after each transport,
 * so an interrupted run keeps what it measured) and one histogram log per transport.
 */
@Command(name = "compare", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Compare transports on one workload against the embedded reference server.",
            "Latency is measured from each message's planned send time (corrected for coordinated "
                + "omission); the uncorrected figure is kept beside it in the results."})
final class CompareCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec command;

    @Option(names = "--transports", split = ",", paramLabel = "LIST",
            description = "Transports to run, comma-separated: ${COMPLETION-CANDIDATES}. Default: websocket.",
            converter = TransportConverter.class, completionCandidates = TransportConverter.Names.class)
    private List<Transport> transports = List.of(Transport.WEBSOCKET);

    @Option(names = "--clients", split = ",", paramLabel = "LIST",
            description = "Client stacks to measure with: netty, jetty, okhttp. Default: ${DEFAULT-VALUE}.",
            converter = ClientStackConverter.class)
    private List<ClientStack> clients = List.of(ClientStack.NETTY);

    @Option(names = "--workload", paramLabel = "KIND", converter = WorkloadConverter.class,
            description = "broadcast (server pushes to every subscriber: one-way latency) or echo "
                    + "(each client's message comes back: round trip). Default: ${DEFAULT-VALUE}.")
    private Workload workload = Workload.BROADCAST;

    @Option(names = "--rate", paramLabel = "MSG/S",
            description = "Messages per second: published (broadcast) or sent in total by the clients (echo), "
                    + "on a fixed schedule. Default: ${DEFAULT-VALUE}.")
    private double rate = 1000;

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
            description = "Connections: subscribers (broadcast) or clients (echo). Default: ${DEFAULT-VALUE}.")
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

    @Option(names = "--io-threads", paramLabel = "N",
            description = "Client I/O threads; 0 for the stack's default. Default: ${DEFAULT-VALUE}.")
    private int ioThreads = 0;

    @Option(names = "--port", paramLabel = "PORT",
            description = "Port of the embedded reference server; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    private int port = 0;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Result directory. Default: pushbench-results/<date-time>.")
    private Path out;

    @Option(names = "--quiet", description = "No progress lines while running; the summary is still printed.")
    private boolean quiet;

    @Override
    public Integer call() throws Exception {
        RunSpec spec = buildSpec();
        for (Transport t : spec.transports()) {
            for (ClientStack c : spec.clients()) {
                if (!Drivers.supports(t, c)) {
                    throw UserError.usage("--transports/--clients: no " + c.id() + " driver for " + t.id());
                }
            }
        }
        Path dir = ResultDirectory.prepare(out);
        PrintWriter console = command.commandLine().getOut();
        String startedAt = Instant.now().toString();
        Environment environment = Environment.capture(Environment.MONOTONIC_ONE_HOST);
        List<TransportResult> results = new ArrayList<>();
        for (Transport transport : spec.transports()) {
            for (ClientStack client : spec.clients()) {
                if (!quiet) {
                    console.printf("running %s with %s: %d %s, %s warm-up, %s measured%n", transport, client,
                            spec.subscribers(), spec.workload() == Workload.ECHO ? "clients" : "subscribers",
                            Durations.format(spec.warmup()), Durations.format(spec.duration()));
                }
                results.add(runOne(spec, transport, client, dir, console));
                ResultFiles.write(dir, new RunResult(RunResult.FORMAT, startedAt, Instant.now().toString(),
                        false, spec, environment, results));
            }
        }
        SummaryTable.print(console, results);
        console.println("results: " + dir.toAbsolutePath());
        console.println("report: " + ReportCommand.render(dir, null).page().toAbsolutePath());
        return results.stream().anyMatch(r -> r.connections().opened() == 0) ? PushBench.EXIT_FAILURE : 0;
    }

    private RunSpec buildSpec() {
        try {
            return RunSpec.builder()
                    .transports(transports)
                    .clients(clients)
                    .workload(workload)
                    .load(closed ? new LoadModel.Closed(thinkTime) : new LoadModel.ConstantRate(rate))
                    .messageSize(size)
                    .subscribers(subscribers)
                    .warmup(warmup)
                    .duration(duration)
                    .drain(drain)
                    .streamsPerConnection(streamsPerConnection)
                    .build();
        } catch (IllegalArgumentException e) {
            throw UserError.usage("--" + e.getMessage());
        }
    }

    private TransportResult runOne(RunSpec spec, Transport transport, ClientStack client, Path dir,
                                   PrintWriter console) throws IOException, InterruptedException {
        ReferenceServer server;
        try {
            server = ReferenceServer.builder().port(port).start();
        } catch (BindException e) {
            throw UserError.failure("--port " + port + ": " + e.getMessage());
        }
        try (server; TransportDriver driver = Drivers.create(transport, client,
                new DriverOptions(ioThreads, streamsPerConnection))) {
            TransportRun.Builder run = TransportRun.builder()
                    .spec(spec)
                    .driver(driver)
                    .target(ReferenceTargets.of(server, transport, spec.workload()))
                    .publisher((sequence, intended) -> server.hub().publishEnvelope(sequence, intended, spec.messageSize()))
                    .resultDir(dir);
            if (!quiet) {
                run.progress(new ProgressPrinter(console, transport.id()));
            }
            return run.build().run();
        }
    }
}
