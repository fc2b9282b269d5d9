package io.pushbench.core.driver.sse;

import io.netty.buffer.Unpooled;
import io.pushbench.core.driver.ClientIds;
import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverErrors;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.JdkTls;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TlsTrust;
import io.pushbench.core.driver.jetty.JettyClients;
import io.pushbench.core.driver.jetty.WireCountingConnector;
import io.pushbench.core.driver.lifecycle.AbstractDriver;
import io.pushbench.core.driver.lifecycle.ReconnectPolicy;
import io.pushbench.core.driver.lifecycle.ReconnectingConnection;
import io.pushbench.core.sse.SseLimitException;
import io.pushbench.core.sse.SseParser;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.MultiplexConnectionPool;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * Server-Sent Events on Jetty's asynchronous {@link HttpClient}, over HTTP/1.1 ({@link Transport#SSE_HTTP1})
 * or HTTP/2 ({@link Transport#SSE_HTTP2}): what an application built on Jetty experiences. Jetty has no
 * SSE client, so the response's content chunks are fed, as they arrive, to pushbench's own
 * {@link SseParser} (the one the Netty drivers use). Each {@link #connect} is one stream,
 * {@code GET uri} with {@code Accept: text/event-stream}; a {@code client} parameter in the target is
 * made unique per connection ({@link ClientIds}). {@link PushConnection#send} POSTs to the send URI on
 * the same client.
 *
 * <p><b>HTTP/2</b>: {@code http://} targets speak HTTP/2 with prior knowledge, {@code https://} targets
 * negotiate {@code h2} by ALPN, trusting certificates as the {@link TlsTrust} says. Streams per TCP
 * connection follow {@link DriverOptions#streamsPerConnection()}: with N, stream k carries the request
 * tag k / N, for which Jetty keeps a destination of its own with one connection (so exactly
 * ceil(streams / N) connections); with 0 every stream shares one connection (as many as the server's
 * SETTINGS_MAX_CONCURRENT_STREAMS allow). A stream's POSTs carry its tag: over HTTP/2 they are streams
 * on its connection.
 *
 * <p><b>Receive time</b> is read at the top of {@code onContent}, on the Jetty thread that read the
 * chunk (after HTTP/1.1 chunked decoding, or the HTTP/2 DATA frame), and passed to every event that
 * chunk completes: the same point as the Netty drivers, which read it where their HTTP codec hands
 * over content. <b>Wire bytes</b> are counted at the socket by a {@link WireCountingConnector},
 * exactly. <b>Threads</b>: Jetty's selectors ({@link DriverOptions#ioThreads()}, default 1) and its
 * shared pool, none per stream. <b>No reconnect</b>: a stream the server ends is reported
 * ({@link ErrorKind#CLOSED_BY_SERVER}) and closed.
 *
 * <p>Thread-safe.
 */
public final class JettySseDriver extends AbstractDriver {

    private final int streamsPerConnection;
    private final HttpClient http;

    /**
     * A driver trusting {@code https} targets as {@link DriverOptions#trust()} says.
     *
     * @param transport {@link Transport#SSE_HTTP1} or {@link Transport#SSE_HTTP2}
     * @throws IllegalArgumentException for another transport
     */
    public JettySseDriver(Transport transport, DriverOptions options) {
        this(transport, options, options.trust());
    }

    /**
     * @param transport {@link Transport#SSE_HTTP1} or {@link Transport#SSE_HTTP2}
     * @param trust     which server certificates {@code https} targets may present
     * @throws IllegalArgumentException for another transport
     */
    public JettySseDriver(Transport transport, DriverOptions options, TlsTrust trust) {
        super(transport, ClientStack.JETTY);
        this.streamsPerConnection = options.streamsPerConnection();
        WireCountingConnector connector = new WireCountingConnector(wire());
        SslContextFactory.Client tls = new SslContextFactory.Client();
        tls.setSslContext(JdkTls.of(trust).context());
        if (!JdkTls.checksHostName(trust)) {
            tls.setEndpointIdentificationAlgorithm(null);
        }
        connector.setSslContextFactory(tls);
        String name = "jetty-" + transport.id();
        this.http = switch (transport) {
            case SSE_HTTP1 -> JettyClients.http1(name, options, connector);
            case SSE_HTTP2 -> JettyClients.start(name, options, connector, c -> {
                HttpClientTransportOverHTTP2 h2 = new HttpClientTransportOverHTTP2(new HTTP2Client(c));
                // One connection per destination; groups of streams get destinations of their own by tag.
                h2.setConnectionPoolFactory(destination -> new MultiplexConnectionPool(destination, 1, Integer.MAX_VALUE));
                return h2;
            });
            default -> throw new IllegalArgumentException("JettySseDriver speaks sse-http1 and sse-http2, not "
                    + transport.id());
        };
    }

    @Override
    protected ReconnectingConnection newConnection(int id, Target target, ConnectionListener listener) {
        return new Stream(id, ClientIds.forConnection(target, id), listener);
    }

    @Override
    protected void closeClient() {
        LifeCycle.stop(http);
    }

    /** One event stream: Jetty's response listener, the parser, and the stream's face to the engine; a loss closes it. */
    private final class Stream extends ReconnectingConnection implements Response.Listener, SseParser.Listener {

        private final SseParser parser = new SseParser(this);
        /** The group of streams sharing an HTTP/2 connection (see the class comment), or null for the default one. */
        private final Integer tag;
        private volatile Request request;

        Stream(int id, Target target, ConnectionListener listener) {
            super(id, target, listener, ReconnectPolicy.none());
            this.tag = transport() == Transport.SSE_HTTP2 && streamsPerConnection > 0 ? id / streamsPerConnection : null;
        }

        @Override
        protected void attempt() {
            Request r = http.newRequest(target().uri())
                    .tag(tag)
                    .headers(h -> {
                        h.put(HttpHeader.ACCEPT, "text/event-stream");
                        target().headers().forEach(h::put);
                    });
            request = r;
            r.send(this);
        }

        @Override
        protected void abort() {
            Request r = request;
            if (r != null) {
                r.abort(new IOException("closed by the client"));
            }
        }

        @Override
        public void onHeaders(Response response) {
            String type = response.getHeaders().get(HttpHeader.CONTENT_TYPE);
            if (response.getStatus() != 200) {
                stop(DriverErrors.httpStatus(response.getStatus(), "event stream refused with HTTP "
                        + response.getStatus()));
            } else if (type == null || !type.startsWith("text/event-stream")) {
                stop(new DriverException(ErrorKind.PROTOCOL, "not an event stream: content type " + type));
            } else {
                receiving();
            }
        }

        @Override
        public void onContent(Response response, ByteBuffer content) {
            long receivedNanos = System.nanoTime();
            try {
                synchronized (this) {
                    parser.feed(Unpooled.wrappedBuffer(content), receivedNanos);
                }
            } catch (SseLimitException e) {
                stop(new DriverException(ErrorKind.PROTOCOL, e.getMessage(), e));
            }
        }

        @Override
        public void onEvent(CharSequence lastEventId, CharSequence type, CharSequence data, long receivedNanos) {
            listener().onMessage(this, data, receivedNanos);
        }

        @Override
        public void onComplete(Result result) {
            attemptEnded(!result.isFailed()
                    ? new DriverException(ErrorKind.CLOSED_BY_SERVER, "the server ended the event stream")
                    : isOpen() ? DriverErrors.ioFailure(result.getFailure())
                    : DriverErrors.connectFailure(target(), result.getFailure()));
        }

        @Override
        public CompletableFuture<Void> send(String message) {
            return sendByPost(message, (uri, body) -> JettyClients.post(http, uri, body, target(), tag));
        }
    }
}
