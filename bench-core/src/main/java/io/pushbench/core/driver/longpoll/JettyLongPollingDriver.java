package io.pushbench.core.driver.longpoll;

import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.jetty.JettyClients;
import io.pushbench.core.driver.jetty.WireCountingConnector;
import io.pushbench.core.driver.lifecycle.ReconnectPolicy;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.PollBatchFormat;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.util.component.LifeCycle;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP/1.1 long polling on Jetty's asynchronous {@link HttpClient}: what an application built on
 * Jetty experiences. The protocol (polls with {@code after=<last id>}, the {@link PollBatchFormat}
 * answer, re-poll at once, backoff after a failed poll, POST to the send URI) is
 * {@link PollingConnection}'s; this class supplies Jetty's requests.
 *
 * <p><b>Receive time</b> is read at the top of the response listener's {@code onComplete}, when
 * Jetty has read the whole answer into its buffer, and every message of the batch is delivered
 * with it, as the Netty driver does when its aggregator has the whole answer. <b>Wire bytes</b>
 * are counted at the socket by a {@link WireCountingConnector}, exactly, POSTs included.
 * <b>Connections</b>: each client polls on a keep-alive connection of its own (its polls carry a
 * request tag, for which Jetty keeps a separate pool), as the Netty driver does and as the
 * reference server expects: it delivers a client's direct messages (echo replies) down the TCP
 * connection that polled for that client, so polls hopping between pooled connections would lose
 * them. POSTs share Jetty's untagged pool. <b>Threads</b>: Jetty's selectors
 * ({@link DriverOptions#ioThreads()}, default 1), its shared pool, and one timer thread for
 * reconnections; none per connection.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>limit</th><th>value</th></tr>
 *   <tr><td>largest poll answer</td><td>{@value NettyLongPollingDriver#MAX_RESPONSE_BYTES} bytes, as the Netty driver</td></tr>
 *   <tr><td>poll answer timeout</td><td>none: the server decides how long a poll is held</td></tr>
 * </table>
 *
 * <p>Thread-safe.
 */
public final class JettyLongPollingDriver extends LibraryPollingDriver {

    private final HttpClient http;

    /** A driver with {@link DriverOptions#ioThreads()} selectors; the server's empty answer is the heartbeat. */
    public JettyLongPollingDriver(DriverOptions options) {
        super(ClientStack.JETTY, "jetty-lp", options.protocol().pollCursor());
        this.http = JettyClients.http1("jetty-lp-client", options, new WireCountingConnector(wire()));
    }

    @Override
    PollingConnection newPoller(int id, Target target, ConnectionListener listener, ReconnectPolicy.Repoll repoll,
                                PollCursorStrategy cursors) {
        return new Poller(id, target, listener, repoll, cursors);
    }

    @Override
    void closeHttpClient() {
        LifeCycle.stop(http);
    }

    /** One polling client on Jetty's requests. */
    private final class Poller extends PollingConnection {

        /** Jetty keeps a connection pool per tag: this poller's polls go on its own keep-alive connection. */
        private final String affinity;
        private volatile Request inFlight;

        Poller(int id, Target target, ConnectionListener listener, ReconnectPolicy.Repoll repoll,
               PollCursorStrategy cursors) {
            super(id, target, listener, repoll, cursors);
            this.affinity = "poller-" + id;
        }

        @Override
        protected void sendPoll(URI uri) {
            Request request = http.newRequest(uri)
                    .tag(affinity)
                    .headers(h -> {
                        target().headers().forEach(h::put);
                        cursorHeaders(h::put);
                    })
                    .onRequestSuccess(r -> pollWritten());
            inFlight = request;
            request.send(new BufferingResponseListener(NettyLongPollingDriver.MAX_RESPONSE_BYTES) {
                @Override
                public void onComplete(Result result) {
                    long receivedNanos = System.nanoTime();
                    inFlight = null;
                    if (result.isFailed()) {
                        failed(result.getFailure());
                    } else {
                        answered(result.getResponse().getStatus(), result.getResponse().getHeaders()::get,
                                getContent(), receivedNanos);
                    }
                }
            });
        }

        @Override
        protected void abortPoll() {
            Request request = inFlight;
            if (request != null) {
                request.abort(new IOException("closed by the client"));
            }
        }

        @Override
        protected CompletableFuture<Void> post(URI uri, String body) {
            return JettyClients.post(http, uri, body, target(), null);
        }
    }
}
