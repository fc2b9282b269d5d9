package io.pushbench.core.driver.jetty;

import io.pushbench.core.driver.DriverErrors;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.netty.NettyHttpPoster;
import io.pushbench.core.spec.RunSpec;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpClientTransport;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Builds the Jetty {@link HttpClient} every Jetty driver runs on: one per driver, with a
 * {@link WireCountingConnector} under it so that bytes are counted at the socket.
 *
 * <table>
 *   <caption>Settings that differ from Jetty's defaults, and why</caption>
 *   <tr><th>setting</th><th>value</th><th>why</th></tr>
 *   <tr><td>selectors</td><td>{@link DriverOptions#ioThreads()}, or Jetty's default (1) for 0</td>
 *       <td>the I/O threads option</td></tr>
 *   <tr><td>idle timeout (connector and client)</td><td>none</td><td>a push stream is idle between
 *       messages by design; liveness is the heartbeats' business</td></tr>
 *   <tr><td>connections and queued requests per destination</td><td>{@value #MAX_PER_DESTINATION}</td>
 *       <td>Jetty's 64 would queue every HTTP/1.1 stream past the 64th</td></tr>
 *   <tr><td>threads</td><td>daemon, named after the driver</td><td>a run never waits on them to exit</td></tr>
 * </table>
 *
 * <p>Thread-safe: stateless.
 */
public final class JettyClients {

    /** Connections and queued requests allowed per destination: every connection a run may open, and its POSTs. */
    public static final int MAX_PER_DESTINATION = 2 * RunSpec.MAX_SUBSCRIBERS;

    private JettyClients() {
    }

    /** A started HTTP/1.1 client. */
    public static HttpClient http1(String name, DriverOptions options, WireCountingConnector connector) {
        return start(name, options, connector, HttpClientTransportOverHTTP::new);
    }

    /**
     * A started client on the transport {@code transport} makes from the connector.
     *
     * @throws IllegalStateException when Jetty cannot start it
     */
    public static HttpClient start(String name, DriverOptions options, WireCountingConnector connector,
                            Function<WireCountingConnector, HttpClientTransport> transport) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName(name);
        threads.setDaemon(true);
        connector.setExecutor(threads);
        if (options.ioThreads() > 0) {
            connector.setSelectors(options.ioThreads());
        }
        connector.setIdleTimeout(Duration.ZERO);
        connector.setTCPNoDelay(true);
        connector.setConnectTimeout(Duration.ofSeconds(10));
        HttpClient client = new HttpClient(transport.apply(connector));
        client.setExecutor(threads);
        client.setIdleTimeout(0);
        client.setMaxConnectionsPerDestination(MAX_PER_DESTINATION);
        client.setMaxRequestsQueuedPerDestination(MAX_PER_DESTINATION);
        client.setFollowRedirects(false);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start Jetty's HttpClient: " + e.getMessage(), e);
        }
        return client;
    }

    /**
     * Posts {@code body} (UTF-8 {@code text/plain}) to {@code uri} with {@code target}'s headers: how the
     * HTTP transports send upstream. The future completes on a 2xx answer, or fails with a
     * {@link DriverException}: {@link ErrorKind#HTTP_STATUS} naming the status, or the I/O failure.
     *
     * @param tag the request tag, which picks Jetty's destination (connection pool), or null for the default
     */
    public static CompletableFuture<Void> post(HttpClient http, URI uri, String body, Target target, Object tag) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        http.newRequest(uri).method(HttpMethod.POST).tag(tag)
                .headers(h -> target.headers().forEach(h::put))
                .body(new StringRequestContent("text/plain", body, StandardCharsets.UTF_8))
                .send(new BufferingResponseListener(NettyHttpPoster.MAX_RESPONSE_BYTES) {
                    @Override
                    public void onComplete(Result r) {
                        if (r.isFailed()) {
                            result.completeExceptionally(DriverErrors.connectFailure(Target.of(uri), r.getFailure()));
                        } else if (r.getResponse().getStatus() / 100 == 2) {
                            result.complete(null);
                        } else {
                            result.completeExceptionally(new DriverException(ErrorKind.HTTP_STATUS, "POST answered HTTP "
                                    + r.getResponse().getStatus() + ": " + getContentAsString(StandardCharsets.UTF_8).strip()));
                        }
                    }
                });
        return result;
    }
}
