package io.pushbench.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.util.List;

/**
 * {@code pushbench:capacity}: the load at which a server breaks an objective, as {@code pushbench
 * capacity} finds it, against any WebSocket, SSE or long-polling URL. Each parameter is the
 * command-line option of the same name (in camel case), with the same values and defaults: see
 * {@code pushbench capacity --help}. With {@code assert} (e.g. {@code capacity>=500,p99<50ms}), a
 * broken threshold fails the build.
 */
@Mojo(name = "capacity", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = false)
public class CapacityMojo extends PushbenchMojo {

    /** {@code --url}: where the connections subscribe, e.g. {@code ws://127.0.0.1:8080/ws/echo}. */
    @Parameter(property = "pushbench.url", required = true)
    String url;

    /** {@code --transport}: websocket, sse-http1, sse-http2 or long-polling. */
    @Parameter(property = "pushbench.transport")
    String transport;

    /** {@code --mode}: pubsub, echo or passive. */
    @Parameter(property = "pushbench.mode", required = true)
    String mode;

    /** {@code --publish-url}: pubsub, where pushbench publishes. */
    @Parameter(property = "pushbench.publishUrl")
    String publishUrl;

    /** {@code --echo-url}: echo on the HTTP transports, where envelopes are POSTed. */
    @Parameter(property = "pushbench.echoUrl")
    String echoUrl;

    /** {@code --connections}: a number or a staircase such as {@code 100..2000/100}. */
    @Parameter(property = "pushbench.connections")
    String connections;

    /** {@code --step-duration}: measured time of each step, e.g. {@code 2s}. */
    @Parameter(property = "pushbench.stepDuration")
    String stepDuration;

    /** {@code --step-warmup}: unrecorded time at the start of each step. */
    @Parameter(property = "pushbench.stepWarmup")
    String stepWarmup;

    /** {@code --header}: request headers, {@code 'NAME: VALUE'} each. */
    @Parameter
    List<String> headers;

    /** {@code --trust-store}: certificates to trust for wss:// and https://. */
    @Parameter(property = "pushbench.trustStore")
    File trustStore;

    /** {@code --trust-store-password}. */
    @Parameter(property = "pushbench.trustStorePassword")
    String trustStorePassword;

    /** {@code --insecure}: trust any certificate (test servers only). */
    @Parameter(property = "pushbench.insecure", defaultValue = "false")
    boolean insecure;

    /** {@code --connect-rate}: most new connections per second, e.g. {@code 500/s}. */
    @Parameter(property = "pushbench.connectRate")
    String connectRate;

    /** {@code --local-addresses}: source addresses, e.g. {@code 127.0.0.2-127.0.0.9}. */
    @Parameter(property = "pushbench.localAddresses")
    String localAddresses;

    @Override
    String command() {
        return "capacity";
    }

    @Override
    void addOptions(Arguments args) {
        args.option("url", url).option("transport", transport).option("mode", mode).option("publish-url", publishUrl)
                .option("echo-url", echoUrl).option("connections", connections).option("step-duration", stepDuration)
                .option("step-warmup", stepWarmup).each("header", headers).option("trust-store", trustStore)
                .option("trust-store-password", trustStorePassword).flag("insecure", insecure)
                .option("connect-rate", connectRate).option("local-addresses", localAddresses);
    }
}
