package io.pushbench.core.driver.websocket;

import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverErrors;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.jetty.JettyClients;
import io.pushbench.core.driver.jetty.WireCountingConnector;
import io.pushbench.core.driver.lifecycle.AbstractDriver;
import io.pushbench.core.driver.lifecycle.ReconnectPolicy;
import io.pushbench.core.driver.lifecycle.ReconnectingConnection;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * WebSocket (RFC 6455) on Jetty 12's WebSocket client ({@code jetty-websocket-jetty-client}): what an
 * application built on Jetty experiences.
 *
 * <p><b>Receive time</b> is read at the top of {@code onWebSocketText}, on the Jetty thread that
 * read the frame. Before it, Jetty parsed the frame, joined fragments and decoded the UTF-8 into a
 * {@code String}: the same steps as the Netty driver's decoder, aggregator and {@code text()}, so
 * the difference is Jetty's own dispatch. <b>Wire bytes</b> are counted at the socket by a
 * {@link WireCountingConnector}, exactly, as for Netty.
 *
 * <p><b>Threads</b>: Jetty's selectors ({@link DriverOptions#ioThreads()}, default 1) and a
 * shared thread pool; no thread per connection. <b>Heartbeat</b>: each connection pings every
 * {@link DriverOptions#heartbeatInterval()} with its send time as payload and reports the pong's
 * round trip, as the Netty driver does. <b>No reconnect</b>: unlike the Netty driver, a
 * connection the server drops is reported ({@link ErrorKind#CLOSED_BY_SERVER}) and closed, because
 * Jetty's client has no reconnect and an application would have to write its own.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>limit</th><th>value</th></tr>
 *   <tr><td>largest message and frame</td><td>{@value #MAX_MESSAGE_BYTES} bytes</td></tr>
 *   <tr><td>handshake timeout</td><td>{@value #HANDSHAKE_TIMEOUT_MILLIS} ms</td></tr>
 * </table>
 *
 * <p>Thread-safe.
 */
public final class JettyWebSocketDriver extends AbstractDriver {

    /** Largest message and frame accepted: 16 MiB, as for the Netty driver (Jetty's default is 64 KiB). */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    /** How long the upgrade may take before the connection counts as failed. */
    public static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    private final HttpClient http;
    private final WebSocketClient client;
    private final long heartbeatNanos;

    /** A driver with {@link DriverOptions#ioThreads()} selectors that pings every {@link DriverOptions#heartbeatInterval()}. */
    public JettyWebSocketDriver(DriverOptions options) {
        super(Transport.WEBSOCKET, ClientStack.JETTY);
        this.heartbeatNanos = options.heartbeatInterval().toNanos();
        this.http = JettyClients.http1("jetty-ws-client", options, new WireCountingConnector(wire()));
        this.client = new WebSocketClient(http);
        client.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
        client.setMaxBinaryMessageSize(MAX_MESSAGE_BYTES);
        client.setMaxFrameSize(MAX_MESSAGE_BYTES);
        client.setIdleTimeout(Duration.ZERO);
        client.setStopAtShutdown(false);
        LifeCycle.start(client);
    }

    @Override
    protected ReconnectingConnection newConnection(int id, Target target, ConnectionListener listener) {
        return new Endpoint(id, target, listener);
    }

    private static DriverException failure(Target target, Throwable error) {
        Throwable cause = DriverErrors.unwrap(error);
        if (cause instanceof UpgradeException upgrade && upgrade.getResponseStatusCode() > 0) {
            return new DriverException(upgrade.getResponseStatusCode() == 101 ? ErrorKind.HANDSHAKE_FAILED
                    : ErrorKind.HTTP_STATUS, "WebSocket upgrade refused with HTTP " + upgrade.getResponseStatusCode(),
                    cause);
        }
        return DriverErrors.connectFailure(target, cause);
    }

    @Override
    protected void closeClient() {
        LifeCycle.stop(client);
        LifeCycle.stop(http);
    }

    /**
     * One connection: Jetty's listener for its session and its face to the engine; a loss closes it
     * ({@link ReconnectPolicy#none()}). Public only because Jetty calls the listener's methods through
     * method handles, which need a public class.
     */
    public final class Endpoint extends ReconnectingConnection implements Session.Listener.AutoDemanding {

        private volatile CompletableFuture<Session> connecting;
        private volatile Session session;
        private volatile Scheduler.Task heartbeat;

        private Endpoint(int id, Target target, ConnectionListener listener) {
            super(id, target, listener, ReconnectPolicy.none());
        }

        @Override
        protected void attempt() {
            ClientUpgradeRequest request = new ClientUpgradeRequest();
            target().headers().forEach(request::setHeader);
            request.setTimeout(HANDSHAKE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            try {
                connecting = client.connect(this, target().uri(), request);
                connecting.whenComplete((s, error) -> {
                    if (error != null) {
                        attemptEnded(failure(target(), error));
                    }
                });
            } catch (IOException | RuntimeException e) {
                attemptEnded(failure(target(), e));
            }
        }

        /** Closes the session with a close frame, or gives up the upgrade still in flight. */
        @Override
        protected void abort() {
            Session s = session;
            CompletableFuture<Session> upgrade = connecting;
            if (s != null) {
                s.close(StatusCode.NORMAL, null, Callback.NOOP);
            } else if (upgrade != null) {
                upgrade.cancel(true);
            }
        }

        @Override
        public void onWebSocketOpen(Session session) {
            // Published before the check, so that a close() racing with it either sees the session or is seen here.
            this.session = session;
            if (isEnding()) {
                session.close(StatusCode.NORMAL, null, Callback.NOOP);
                return;
            }
            receiving();
            heartbeat = http.getScheduler().schedule(this::ping, heartbeatNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void onWebSocketText(String message) {
            long receivedNanos = System.nanoTime();
            listener().onMessage(this, message, receivedNanos);
        }

        @Override
        public void onWebSocketPong(ByteBuffer payload) {
            long receivedNanos = System.nanoTime();
            if (payload.remaining() == Long.BYTES) {
                listener().onHeartbeat(this, receivedNanos - payload.getLong(payload.position()));
            }
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            // Before the open, the connect future reports the failure; after it, this is the report.
            if (session != null) {
                attemptFailed(DriverErrors.ioFailure(cause));
            }
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            stopHeartbeat();
            attemptEnded(new DriverException(ErrorKind.CLOSED_BY_SERVER, "the server closed the WebSocket connection ("
                    + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")"));
            callback.succeed();
        }

        @Override
        protected void afterClose() {
            stopHeartbeat();
        }

        private void stopHeartbeat() {
            Scheduler.Task task = heartbeat;
            if (task != null) {
                task.cancel();
            }
        }

        /** Sends a ping carrying its send time; the pong echoes it back (RFC 6455 5.5.3). */
        private void ping() {
            Session s = session;
            if (s != null && s.isOpen()) {
                ByteBuffer payload = ByteBuffer.allocate(Long.BYTES).putLong(0, System.nanoTime());
                s.sendPing(payload, Callback.NOOP);
                heartbeat = http.getScheduler().schedule(this::ping, heartbeatNanos, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public CompletableFuture<Void> send(String message) {
            Session s = session;
            if (s == null || !s.isOpen()) {
                return CompletableFuture.failedFuture(new DriverException(ErrorKind.IO, "connection is not open"));
            }
            CompletableFuture<Void> written = new CompletableFuture<>();
            s.sendText(message, Callback.from(() -> written.complete(null),
                    error -> written.completeExceptionally(DriverErrors.ioFailure(error))));
            return written;
        }
    }
}
