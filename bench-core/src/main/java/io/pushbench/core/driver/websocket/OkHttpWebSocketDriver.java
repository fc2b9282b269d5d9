package io.pushbench.core.driver.websocket;

import io.pushbench.core.driver.okhttp.OkHttpClients;
import io.pushbench.core.driver.okhttp.WireCountingSocketFactory;
import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverErrors;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.driver.WireCounter;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

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
public final class OkHttpWebSocketDriver implements TransportDriver {

    private final WireCounter wire = new WireCounter();
    private final WireCountingSocketFactory sockets = new WireCountingSocketFactory(wire);
    private final OkHttpClient client;
    private final AtomicInteger nextId = new AtomicInteger();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

    /** A driver whose connections ping every {@link DriverOptions#heartbeatInterval()}. */
    public OkHttpWebSocketDriver(DriverOptions options) {
        this.client = OkHttpClients.builder("okhttp-ws", sockets)
                .pingInterval(options.heartbeatInterval())
                .build();
    }

    @Override
    public Transport transport() {
        return Transport.WEBSOCKET;
    }

    @Override
    public ClientStack stack() {
        return ClientStack.OKHTTP;
    }

    @Override
    public CompletableFuture<PushConnection> connect(Target target, ConnectionListener listener) {
        Connection connection = new Connection(nextId.getAndIncrement(), target, listener);
        connections.add(connection);
        client.newWebSocket(OkHttpClients.request(target).build(), connection);
        return connection.opened;
    }

    @Override
    public WireCounter wire() {
        return wire;
    }

    @Override
    public long tcpConnectionsOpened() {
        return sockets.connectionsOpened();
    }

    @Override
    public void close() {
        connections.forEach(Connection::close);
        OkHttpClients.shutdown(client);
    }

    /** One connection: OkHttp's listener for its web socket and its face to the engine. */
    private final class Connection extends WebSocketListener implements PushConnection {

        private final int id;
        private final Target target;
        private final ConnectionListener listener;
        private final long connectStartNanos = System.nanoTime();
        private final CompletableFuture<PushConnection> opened = new CompletableFuture<>();
        private volatile WebSocket webSocket;
        private volatile boolean closedByUs;
        private volatile boolean open;
        private boolean closeReported;

        Connection(int id, Target target, ConnectionListener listener) {
            this.id = id;
            this.target = target;
            this.listener = listener;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            this.webSocket = webSocket;
            open = true;
            listener.onOpen(this, System.nanoTime() - connectStartNanos);
            opened.complete(this);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            long receivedNanos = System.nanoTime();
            listener.onMessage(this, text, receivedNanos);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            open = false;
            if (!closedByUs) {
                listener.onError(this, new DriverException(ErrorKind.CLOSED_BY_SERVER,
                        "the server closed the WebSocket connection (" + code
                                + (reason.isEmpty() ? "" : " " + reason) + ")"));
            }
            webSocket.close(code, null);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            reportClose();
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            open = false;
            if (!opened.isDone()) {
                DriverException error = response != null
                        ? new DriverException(ErrorKind.HTTP_STATUS, "WebSocket upgrade refused with HTTP "
                                + response.code() + " " + response.message(), t)
                        : DriverErrors.connectFailure(target, t);
                listener.onError(this, error);
                opened.completeExceptionally(error);
            } else if (!closedByUs) {
                listener.onError(this, DriverErrors.ioFailure(t));
            }
            reportClose();
        }

        private synchronized void reportClose() {
            connections.remove(this);
            if (!closeReported) {
                closeReported = true;
                listener.onClose(this);
            }
        }

        @Override
        public int id() {
            return id;
        }

        @Override
        public CompletableFuture<Void> send(String message) {
            WebSocket ws = webSocket;
            if (ws == null || !open || !ws.send(message)) {
                return CompletableFuture.failedFuture(new DriverException(ErrorKind.IO,
                        "connection is not open, or OkHttp's outgoing queue is full"));
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            closedByUs = true;
            WebSocket ws = webSocket;
            if (ws != null && open) {
                open = false;
                ws.close(1000, null);
            } else if (opened.isDone()) {
                reportClose();
            }
        }
    }
}
