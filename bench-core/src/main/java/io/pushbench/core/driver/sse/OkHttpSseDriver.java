package io.pushbench.core.driver.sse;

import io.pushbench.core.driver.ClientIds;
import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverErrors;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.JdkTls;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TlsTrust;
import io.pushbench.core.driver.lifecycle.AbstractDriver;
import io.pushbench.core.driver.lifecycle.ReconnectPolicy;
import io.pushbench.core.driver.lifecycle.ReconnectingConnection;
import io.pushbench.core.driver.okhttp.OkHttpClients;
import io.pushbench.core.driver.okhttp.WireCountingSocketFactory;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-Sent Events with okhttp-sse's {@link EventSources}, over HTTP/1.1 ({@link Transport#SSE_HTTP1})
 * or HTTP/2 ({@link Transport#SSE_HTTP2}): what an application built on OkHttp experiences. Each
 * {@link #connect} is one event source, {@code GET uri} with {@code Accept: text/event-stream}; a
 * {@code client} parameter in the target is made unique per connection ({@link ClientIds}).
 * {@link PushConnection#send} POSTs to the target's send URI with the same client.
 *
 * <p><b>HTTP/2</b>: {@code http://} targets speak HTTP/2 with prior knowledge
 * ({@link Protocol#H2_PRIOR_KNOWLEDGE}); {@code https://} targets negotiate {@code h2} by ALPN (trusting
 * certificates as the {@link TlsTrust} says), and a
 * response that is not HTTP/2 fails the connection ({@link ErrorKind#PROTOCOL}). OkHttp multiplexes
 * every stream of an origin on one connection per connection pool, so with
 * {@link DriverOptions#streamsPerConnection()} N the driver gives each group of N streams a pool of
 * its own (stream k in pool k / N); with 0 all share one. A group's streams wait for its first to
 * open, because OkHttp would otherwise open a TCP connection per call started before its first
 * HTTP/2 connection is up (connect time for those includes that wait). A stream's POSTs go through its own pool:
 * for HTTP/2, as streams on its connection.
 *
 * <p><b>Receive time</b> is read at the top of {@code onEvent}, on the stream's reader thread, after
 * OkHttp's {@code ServerSentEventReader} read the event up to its blank line with blocking reads and
 * decoded it: the same parsing as the Netty driver's, but on a thread parked in the kernel rather
 * than woken by a selector. <b>Wire bytes</b> are counted at the socket's streams by a
 * {@link WireCountingSocketFactory}, exactly (for TLS the records are counted, as TLS is layered on
 * that socket).
 *
 * <p><b>Threads</b>: okhttp-sse reads each event source on the dispatcher thread that ran its call,
 * for as long as the stream is open: N streams hold N threads, over HTTP/2 as well (its frames are
 * read by one more thread per connection and handed over). {@link DriverOptions#ioThreads()} does
 * not apply. The number of streams one process holds is bounded by threads, not sockets: see
 * {@code CLIENT-NOTES.md} for the figure measured on the development machine. <b>No reconnect</b>:
 * okhttp-sse ignores {@code retry:} and does not reconnect ("We do not auto-retry"), so a stream the
 * server ends is reported ({@link ErrorKind#CLOSED_BY_SERVER}) and closed; comments (heartbeats) are
 * consumed by OkHttp unseen.
 *
 * <p>Thread-safe.
 */
public final class OkHttpSseDriver extends AbstractDriver {

    private final int streamsPerConnection;
    private final OkHttpClient client;
    private final Map<Integer, Pool> pools = new ConcurrentHashMap<>();

    /**
     * A driver trusting {@code https} targets as {@link DriverOptions#trust()} says.
     *
     * @param transport {@link Transport#SSE_HTTP1} or {@link Transport#SSE_HTTP2}
     * @throws IllegalArgumentException for another transport
     */
    public OkHttpSseDriver(Transport transport, DriverOptions options) {
        this(transport, options, options.trust());
    }

    /**
     * @param transport {@link Transport#SSE_HTTP1} or {@link Transport#SSE_HTTP2}
     * @param trust     which server certificates {@code https} targets may present
     * @throws IllegalArgumentException for another transport
     */
    public OkHttpSseDriver(Transport transport, DriverOptions options, TlsTrust trust) {
        super(transport, ClientStack.OKHTTP);
        if (transport != Transport.SSE_HTTP1 && transport != Transport.SSE_HTTP2) {
            throw new IllegalArgumentException("OkHttpSseDriver speaks sse-http1 and sse-http2, not " + transport.id());
        }
        this.streamsPerConnection = options.streamsPerConnection();
        OkHttpClient.Builder builder = OkHttpClients.builder("okhttp-" + transport.id(),
                new WireCountingSocketFactory(wire()));
        if (transport == Transport.SSE_HTTP1) {
            builder.protocols(List.of(Protocol.HTTP_1_1));
        }
        JdkTls tls = JdkTls.of(trust);
        builder.sslSocketFactory(tls.context().getSocketFactory(), tls.trustManager());
        if (!JdkTls.checksHostName(trust)) {
            builder.hostnameVerifier((host, session) -> true);
        }
        this.client = builder.build();
    }

    @Override
    protected ReconnectingConnection newConnection(int id, Target target, ConnectionListener listener) {
        Target own = ClientIds.forConnection(target, id);
        boolean priorKnowledge = transport() == Transport.SSE_HTTP2 && !own.secure();
        int group = streamsPerConnection == 0 || transport() == Transport.SSE_HTTP1 ? 0 : id / streamsPerConnection;
        Pool pool = pools.computeIfAbsent(priorKnowledge ? -1 - group : group,
                g -> new Pool(newClient(group, priorKnowledge), id, new CompletableFuture<>()));
        return new Stream(id, own, listener, pool);
    }

    /** A client for one group of streams (see the class comment): its own pool after the first group. */
    private OkHttpClient newClient(int group, boolean priorKnowledge) {
        OkHttpClient.Builder builder = client.newBuilder();
        if (group > 0) {
            builder.connectionPool(new ConnectionPool());
        }
        if (priorKnowledge) {
            builder.protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
        }
        return builder.build();
    }

    /** The client a group of streams shares, its first stream, and when that one opened or closed. */
    private record Pool(OkHttpClient client, int firstId, CompletableFuture<Void> firstSettled) {
    }

    @Override
    protected void closeClient() {
        pools.values().forEach(p -> p.client().connectionPool().evictAll());
        OkHttpClients.shutdown(client);
    }

    /** One event source: okhttp-sse's listener and its face to the engine; a loss closes it. */
    private final class Stream extends ReconnectingConnection {

        private final Pool pool;
        private final Listener events = new Listener();
        private volatile EventSource source;

        Stream(int id, Target target, ConnectionListener listener, Pool pool) {
            super(id, target, listener, ReconnectPolicy.none());
            this.pool = pool;
        }

        /**
         * Opens the event source; over HTTP/2, once its group's first stream opened, because OkHttp
         * opens a TCP connection per call until its first HTTP/2 connection is up (connect time
         * includes that wait).
         */
        @Override
        protected void attempt() {
            CompletableFuture<Void> groupFirst = pool.firstSettled();
            if (transport() == Transport.SSE_HTTP1 || isGroupFirst() || groupFirst.isDone()) {
                openSource();
            } else {
                groupFirst.whenComplete((ok, error) -> continueAttempt(this::openSource));
            }
        }

        private void openSource() {
            source = EventSources.createFactory(pool.client()).newEventSource(OkHttpClients.request(target()).build(),
                    events);
        }

        private boolean isGroupFirst() {
            return pool.firstId() == id();
        }

        /** The group's first stream opened or closed: the rest of the group goes ahead. */
        private void settleGroup() {
            if (isGroupFirst()) {
                pool.firstSettled().complete(null);
            }
        }

        @Override
        protected void afterClose() {
            settleGroup();
        }

        @Override
        protected void abort() {
            EventSource s = source;
            if (s != null) {
                s.cancel();
            }
        }

        @Override
        public CompletableFuture<Void> send(String message) {
            return sendByPost(message, (uri, body) -> OkHttpClients.post(pool.client(), uri, body, target()));
        }

        /** okhttp-sse's callbacks for the event source. */
        private final class Listener extends EventSourceListener {

            @Override
            public void onOpen(EventSource eventSource, Response response) {
                // OkHttp may call back before newEventSource returned: keep the source for abort().
                source = eventSource;
                if (transport() == Transport.SSE_HTTP2 && response.protocol() != Protocol.HTTP_2
                        && response.protocol() != Protocol.H2_PRIOR_KNOWLEDGE) {
                    stop(new DriverException(ErrorKind.PROTOCOL, "the server answered over " + response.protocol()
                            + ", not HTTP/2"));
                    return;
                }
                receiving();
                settleGroup();
            }

            @Override
            public void onEvent(EventSource eventSource, String eventId, String type, String data) {
                long receivedNanos = System.nanoTime();
                // Locked: a failed send may be reported from another thread at the same time.
                synchronized (Stream.this) {
                    listener().onMessage(Stream.this, data, receivedNanos);
                }
            }

            @Override
            public void onClosed(EventSource eventSource) {
                attemptEnded(new DriverException(ErrorKind.CLOSED_BY_SERVER, "the server ended the event stream"));
            }

            @Override
            public void onFailure(EventSource eventSource, Throwable t, Response response) {
                attemptEnded(isOpen() ? (t == null
                        ? new DriverException(ErrorKind.CLOSED_BY_SERVER, "the server ended the event stream")
                        : DriverErrors.ioFailure(t))
                        : response != null && !response.isSuccessful()
                        ? DriverErrors.httpStatus(response.code(), "event stream refused with HTTP " + response.code())
                        : response != null
                        ? new DriverException(ErrorKind.PROTOCOL, "not an event stream: " + (t == null ? "" : t.getMessage()), t)
                        : DriverErrors.connectFailure(target(), t));
            }
        }
    }
}
