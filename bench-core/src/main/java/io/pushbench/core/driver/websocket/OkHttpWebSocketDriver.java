package io.pushbench.core.driver.websocket;

import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverErrors;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.lifecycle.AbstractDriver;
import io.pushbench.core.driver.lifecycle.ReconnectPolicy;
import io.pushbench.core.driver.lifecycle.ReconnectingConnection;
import io.pushbench.core.driver.okhttp.OkHttpClients;
import io.pushbench.core.driver.okhttp.WireCountingSocketFactory;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

import java.util.concurrent.CompletableFuture;

/**
 * WebSocket (RFC 6455) on OkHttp's {@link WebSocket}: what an application built on OkHttp experiences.
 *
 * <p><b>Receive time</b> is read at the top of {@link WebSocketListener#onMessage(WebSocket, String)},
 * on the connection's reader thread, after OkHttp read the frame with a blocking socket read,
 * joined fragments and decoded the UTF-8: the same steps as the Netty driver's decoder, but the
 * reading thread was parked in the kernel rather than woken by a selector. <b>Wire bytes</b> are
 * counted at the socket's streams by a {@link WireCountingSocketFactory}, exactly.
 *
 * <p><b>Threads</b>: OkHttp gives every open WebSocket a thread of its own that blocks reading it
 * (the dispatcher thread that ran the upgrade stays in OkHttp's reader loop), and writes on a task
 * thread: N connections hold at least N threads. {@link DriverOptions#ioThreads()} does not apply.
 * <b>Sends</b> are queued: the future completes when OkHttp accepted the message into its outgoing
 * queue (it has no write-completion callback), and fails when OkHttp refused it (closing, or more
 * than 16 MiB queued). <b>Heartbeat</b>: OkHttp pings every {@link DriverOptions#heartbeatInterval()}
 * and fails a connection whose pong does not come, but does not expose the pong, so no heartbeat
 * round trip is reported. <b>No reconnect</b>: a connection the server drops is reported
 * ({@link ErrorKind#CLOSED_BY_SERVER}) and closed; OkHttp has no reconnect.
 *
 * <p>Thread-safe.
 */
public final class OkHttpWebSocketDriver extends AbstractDriver {

    private final OkHttpClient client;

    /** A driver whose connections ping every {@link DriverOptions#heartbeatInterval()}. */
    public OkHttpWebSocketDriver(DriverOptions options) {
        super(Transport.WEBSOCKET, ClientStack.OKHTTP);
        this.client = OkHttpClients.builder("okhttp-ws", new WireCountingSocketFactory(wire()))
                .pingInterval(options.heartbeatInterval())
                .build();
    }

    @Override
    protected ReconnectingConnection newConnection(int id, Target target, ConnectionListener listener) {
        return new Connection(id, target, listener);
    }

    @Override
    protected void closeClient() {
        OkHttpClients.shutdown(client);
    }

    /** One connection: OkHttp's listener for its web socket and its face to the engine; a loss closes it. */
    private final class Connection extends ReconnectingConnection {

        private final Listener events = new Listener();
        private volatile WebSocket webSocket;
        /** The upgrade completed: closing takes a close frame. */
        private volatile boolean upgraded;

        Connection(int id, Target target, ConnectionListener listener) {
            super(id, target, listener, ReconnectPolicy.none());
        }

        @Override
        protected void attempt() {
            webSocket = client.newWebSocket(OkHttpClients.request(target()).build(), events);
        }

        /** Closes with a close frame once open; before that, cancels the upgrade. */
        @Override
        protected void abort() {
            WebSocket ws = webSocket;
            if (ws != null && !(upgraded && ws.close(1000, null))) {
                ws.cancel();
            }
        }

        @Override
        public CompletableFuture<Void> send(String message) {
            WebSocket ws = webSocket;
            if (ws == null || !isOpen() || !ws.send(message)) {
                return CompletableFuture.failedFuture(new DriverException(ErrorKind.IO,
                        "connection is not open, or OkHttp's outgoing queue is full"));
            }
            return CompletableFuture.completedFuture(null);
        }

        /** OkHttp's callbacks for the web socket. */
        private final class Listener extends WebSocketListener {

            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                // OkHttp may call back before newWebSocket returned: keep the socket for abort() and send().
                Connection.this.webSocket = webSocket;
                upgraded = true;
                receiving();
            }

            @Override
            public void onMessage(WebSocket webSocket, String text) {
                long receivedNanos = System.nanoTime();
                listener().onMessage(Connection.this, text, receivedNanos);
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                attemptFailed(new DriverException(ErrorKind.CLOSED_BY_SERVER, "the server closed the WebSocket connection ("
                        + code + (reason.isEmpty() ? "" : " " + reason) + ")"));
                webSocket.close(code, null);
            }

            @Override
            public void onClosed(WebSocket webSocket, int code, String reason) {
                attemptEnded(null);
            }

            @Override
            public void onFailure(WebSocket webSocket, Throwable t, Response response) {
                attemptEnded(upgraded ? DriverErrors.ioFailure(t)
                        : response != null ? new DriverException(ErrorKind.HTTP_STATUS, "WebSocket upgrade refused with HTTP "
                                + response.code() + " " + response.message(), t)
                        : DriverErrors.connectFailure(target(), t));
            }
        }
    }
}
