package io.pushbench.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;

/**
 * {@code pushbench:compare}: the same workload through each transport, as {@code pushbench compare}
 * does, against a running reference server ({@code server}, e.g. one {@code pushbench:start-server}
 * started) or an embedded one. Each parameter is the command-line option of the same name (in camel
 * case), with the same values and defaults: see {@code pushbench compare --help}. With {@code assert},
 * a broken threshold fails the build.
 */
@Mojo(name = "compare", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = false)
public class CompareMojo extends PushbenchMojo {

    /** {@code --server}: a running {@code pushbench serve}, e.g. {@code http://127.0.0.1:8080}; default: embedded. */
    @Parameter(property = "pushbench.server")
    String server;

    /** {@code --scenario}: a scenario file; this configuration wins over it. */
    @Parameter(property = "pushbench.scenario")
    File scenario;

    /** {@code --transports}: comma-separated, e.g. {@code websocket,sse-http2}; default: all. */
    @Parameter(property = "pushbench.transports")
    String transports;

    /** {@code --clients}: client stacks, e.g. {@code netty,jetty}. */
    @Parameter(property = "pushbench.clients")
    String clients;

    /** {@code --workload}: broadcast, echo, chat or idle. */
    @Parameter(property = "pushbench.workload")
    String workload;

    /** {@code --closed}: echo, closed model. */
    @Parameter(property = "pushbench.closed", defaultValue = "false")
    boolean closed;

    /** {@code --think-time}: with {@code closed}. */
    @Parameter(property = "pushbench.thinkTime")
    String thinkTime;

    /** {@code --subscribers}: connections. */
    @Parameter(property = "pushbench.subscribers")
    Integer subscribers;

    /** {@code --duration}: measured phase per transport, e.g. {@code 2s}. */
    @Parameter(property = "pushbench.duration")
    String duration;

    /** {@code --warmup}: unrecorded phase before measuring. */
    @Parameter(property = "pushbench.warmup")
    String warmup;

    /** {@code --streams-per-connection}: sse-http2 streams per TCP connection. */
    @Parameter(property = "pushbench.streamsPerConnection")
    Integer streamsPerConnection;

    /** {@code --heartbeat}: heartbeat interval. */
    @Parameter(property = "pushbench.heartbeat")
    String heartbeat;

    /** {@code --port}: the embedded server's port. */
    @Parameter(property = "pushbench.embeddedPort")
    Integer port;

    /** {@code --delay}: delay the embedded server adds to each broadcast. */
    @Parameter(property = "pushbench.delay")
    String delay;

    /** {@code --no-floor}: skip the raw TCP floor. */
    @Parameter(property = "pushbench.noFloor", defaultValue = "false")
    boolean noFloor;

    /** {@code --tls}: every transport, the floor and the generator floor over TLS against the embedded server. */
    @Parameter(property = "pushbench.tls", defaultValue = "false")
    boolean tls;

    @Override
    String command() {
        return "compare";
    }

    @Override
    void addOptions(Arguments args) {
        args.option("server", server).option("scenario", scenario).option("transports", transports)
                .option("clients", clients).option("workload", workload).flag("closed", closed)
                .option("think-time", thinkTime).option("subscribers", subscribers).option("duration", duration)
                .option("warmup", warmup).option("streams-per-connection", streamsPerConnection)
                .option("heartbeat", heartbeat).option("port", port).option("delay", delay).flag("no-floor", noFloor)
                .flag("tls", tls);
    }
}
