package io.pushbench.cli;

import io.pushbench.core.engine.ScheduledSender;
import io.pushbench.core.engine.SendPlan;
import io.pushbench.core.spec.LoadModel;
import io.pushbench.server.Paths;
import io.pushbench.server.ReferenceServer;
import io.pushbench.server.tls.ServerTls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code pushbench serve}: the reference server on its own, until Ctrl-C or SIGTERM. With
 * {@code --rate} it also publishes envelopes on a schedule, for {@code capacity --mode passive}
 * or any client that wants a stream to measure.
 */
@Command(name = "serve", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Run the reference server (all transports on one port) until stopped.")
final class ServeCommand implements Callable<Integer> {

    /** A publisher started by {@code serve} runs for this long at most. */
    private static final long PUBLISH_FOR_NANOS = TimeUnit.DAYS.toNanos(365);

    @Spec
    private picocli.CommandLine.Model.CommandSpec command;

    @Option(names = "--port", paramLabel = "PORT", description = "TCP port. Default: ${DEFAULT-VALUE}.")
    private int port = 8080;

    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "Address to listen on. Default: ${DEFAULT-VALUE} (this machine only).")
    private String bind = ReferenceServer.DEFAULT_BIND;

    @Option(names = "--rate", paramLabel = "MSG/S",
            description = "Publish envelopes to every subscriber at this rate; 0 publishes only what clients "
                    + "POST to " + Paths.PUBLISH + ". Default: ${DEFAULT-VALUE}.")
    private double rate = 0;

    @Option(names = "--size", paramLabel = "BYTES", description = "Size of published envelopes. Default: ${DEFAULT-VALUE}.")
    private int size = 256;

    @Option(names = "--delay", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Delay added before writing each broadcast (calibration). Default: 0s.")
    private java.time.Duration delay = java.time.Duration.ZERO;

    @Option(names = "--io-threads", paramLabel = "N",
            description = "Server I/O threads (event loops). Default: one per core, ${DEFAULT-VALUE} here: alone "
                    + "in its process the server may use every core (the embedded server of compare takes half).")
    private int ioThreads = ReferenceServer.ownProcessIoThreads();

    @Option(names = "--max-connections", paramLabel = "N",
            description = "Most TCP connections open at once; a request on a connection beyond it is answered "
                    + "503 and the connection closed (a server that breaks at a known point). 0 for no limit. "
                    + "Default: ${DEFAULT-VALUE}.")
    private int maxConnections = 0;

    @Option(names = "--tls-port", paramLabel = "PORT",
            description = "Also serve TLS on this port, HTTP/2 or HTTP/1.1 by ALPN; 0 picks a free one. Default: off.")
    private int tlsPort = ReferenceServer.TLS_OFF;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "PEM certificate chain for --tls-port (with --tls-key). Default: a self-signed certificate "
                    + "generated at start and written to a file whose name is printed.")
    private Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "Unencrypted PEM private key of --tls-cert.")
    private Path tlsKey;

    @Option(names = "--ws-compression",
            description = "Accept a WebSocket client's permessage-deflate offer (RFC 7692) and compress every frame to "
                    + "it. Clients that offer nothing get uncompressed frames. Default: off.")
    private boolean webSocketCompression;

    @Override
    public Integer call() throws Exception {
        if (rate < 0) {
            throw UserError.usage("--rate must be >= 0 messages per second, was " + rate);
        }
        if (size < 1) {
            throw UserError.usage("--size must be >= 1 byte, was " + size);
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw UserError.usage("--tls-cert and --tls-key go together: give both or neither");
        }
        ReferenceServer server;
        try {
            ReferenceServer.Builder builder = ReferenceServer.builder().bind(bind).port(port).ioThreads(ioThreads)
                    .delay(delay).tlsPort(tlsPort).maxConnections(maxConnections)
                    .webSocketCompression(webSocketCompression);
            if (tlsCert != null) {
                builder.tlsCertificate(tlsCert, tlsKey);
            }
            server = builder.start();
        } catch (IllegalArgumentException e) {
            throw UserError.usage("--" + e.getMessage());
        } catch (BindException e) {
            throw UserError.failure("--port " + port + ": " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        ScheduledSender publisher = rate > 0
                ? new ScheduledSender("publisher", new SendPlan(new LoadModel.ConstantRate(rate), 0, PUBLISH_FOR_NANOS),
                        0, (sequence, intended) -> server.hub().publishEnvelope(sequence, intended, size))
                : null;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (publisher != null) {
                publisher.stop();
            }
            server.close();
            stopped.countDown();
        }, "serve-shutdown"));
        PrintWriter out = command.commandLine().getOut();
        String base = server.host() + ":" + server.port();
        out.println("pushbench reference server listening on " + base);
        out.println("  websocket  ws://" + base + Paths.WS_BROADCAST + "  (echo: ws://" + base + Paths.WS_ECHO + ")");
        out.println("  long poll  GET http://" + base + Paths.POLL + "?after=ID&client=ID  (echo: POST http://" + base
                + Paths.ECHO + "?client=ID)");
        out.println("  sse        GET http://" + base + Paths.SSE + "?client=ID  (resume: Last-Event-ID; echo: POST http://"
                + base + Paths.ECHO + "?client=ID)");
        out.println("  publish    POST http://" + base + Paths.PUBLISH);
        out.println("  http/2     sse, long poll, echo and publish also over HTTP/2 with prior knowledge (h2c), e.g. "
                + "curl --http2-prior-knowledge http://" + base + Paths.SSE);
        if (server.tlsPort() != ReferenceServer.TLS_OFF) {
            out.println("  tls        https://" + server.host() + ":" + server.tlsPort() + Paths.SSE
                    + "  (HTTP/2 or HTTP/1.1 by ALPN), certificate: " + certificateFile(server));
        }
        if (maxConnections > 0) {
            out.println("at most " + maxConnections + " connections: requests on further ones are answered 503");
        }
        if (publisher != null) {
            out.printf("publishing %s-byte envelopes at %s msg/s%n", size, rate);
            publisher.start(System.nanoTime());
        }
        out.println("stop with Ctrl-C");
        out.flush();
        stopped.await();
        return 0;
    }

    /** The given certificate file, or the generated certificate written to a temporary file for clients to trust. */
    private String certificateFile(ReferenceServer server) throws IOException {
        if (tlsCert != null) {
            return tlsCert.toString();
        }
        Path file = Files.createTempFile("pushbench-" + server.tlsPort() + "-", ".crt");
        Files.writeString(file, ServerTls.toPem(server.tlsCertificate()));
        file.toFile().deleteOnExit();
        return file + " (self-signed; trust it with curl --cacert FILE)";
    }
}
