package io.pushbench.core.driver.lifecycle;

import io.pushbench.core.driver.Target;
import io.pushbench.core.transport.PollBatchFormat;
import io.pushbench.core.transport.Transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The server's half of each HTTP/1.1 transport, as literal wire text for a {@link ScriptedServer}:
 * how it lets a connection open (the point from which the client can receive) and how it sends
 * one message. Tests run the same script over every transport with these.
 */
public enum ScriptedPeer {

    /** RFC 6455: the 101 upgrade, then unmasked text frames. */
    WEBSOCKET(Transport.WEBSOCKET, "ws") {
        @Override
        public void open(ScriptedServer.Exchange exchange) throws IOException {
            exchange.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + acceptKey(exchange.header("Sec-WebSocket-Key")) + "\r\n\r\n");
        }

        @Override
        public void message(ScriptedServer.Exchange exchange, String text) throws IOException {
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(0x81);
            frame.write(payload.length);
            frame.write(payload);
            exchange.write(frame.toByteArray());
        }
    },

    /** An event stream: 200 {@code text/event-stream} advertising a 100 ms reconnection time, then events. */
    SSE_HTTP1(Transport.SSE_HTTP1, "http") {
        @Override
        public void open(ScriptedServer.Exchange exchange) throws IOException {
            exchange.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\nretry: 100\n\n");
        }

        @Override
        public void message(ScriptedServer.Exchange exchange, String text) throws IOException {
            exchange.write("data: " + text + "\n\n");
        }
    },

    /**
     * Long polling: a first poll (which asks for the newest id) is answered at once, empty, and the
     * client can receive from then on; a poll with a cursor is the opening once it is written. A
     * message answers the poll waiting.
     */
    LONG_POLLING(Transport.LONG_POLLING, "http") {
        @Override
        public void open(ScriptedServer.Exchange exchange) throws IOException {
            if (exchange.head().contains(PollBatchFormat.AFTER_PARAM + "=" + PollBatchFormat.AFTER_NEWEST)) {
                // The client's next poll is left unread in the socket: the message below answers it.
                exchange.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n" + PollBatchFormat.LAST_ID_HEADER
                        + ": 0\r\nContent-Length: 0\r\n\r\n");
            }
        }

        /**
         * The client is open once its first poll is answered, but waits for a message only once its
         * next poll, sent right after, is on the connection: read here. Before that, the connection is
         * an idle keep-alive one, whose loss an HTTP library may absorb by polling on a new one.
         */
        @Override
        public void awaitClientWaiting(ScriptedServer.Exchange exchange) throws IOException {
            if (exchange.head().contains(PollBatchFormat.AFTER_PARAM + "=" + PollBatchFormat.AFTER_NEWEST)) {
                exchange.readHead();
            }
        }

        @Override
        public void message(ScriptedServer.Exchange exchange, String text) throws IOException {
            String body = "1 " + text + "\n";
            exchange.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n" + PollBatchFormat.LAST_ID_HEADER
                    + ": 1\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body);
        }
    };

    private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final Transport transport;
    private final String scheme;

    ScriptedPeer(Transport transport, String scheme) {
        this.transport = transport;
        this.scheme = scheme;
    }

    /** The transport this peer speaks. */
    public Transport transport() {
        return transport;
    }

    /** A target on {@code server} at {@code path}. */
    public Target target(ScriptedServer server, String path) {
        return Target.of(URI.create(scheme + "://127.0.0.1:" + server.port() + path));
    }

    /** Answers the request just read so that the client can receive from now on. */
    public abstract void open(ScriptedServer.Exchange exchange) throws IOException;

    /**
     * Returns once the client of an {@link #open}ed exchange waits on it for a message, so that losing
     * the connection from then on loses a subscription: at once for a stream, whose opening answer is
     * the wait.
     */
    public void awaitClientWaiting(ScriptedServer.Exchange exchange) throws IOException {
    }

    /** Sends one message on an open exchange. */
    public abstract void message(ScriptedServer.Exchange exchange, String text) throws IOException;

    /** The peer of {@code transport}. */
    public static ScriptedPeer of(Transport transport) {
        for (ScriptedPeer peer : values()) {
            if (peer.transport == transport) {
                return peer;
            }
        }
        throw new IllegalArgumentException("no scripted HTTP/1.1 peer for " + transport.id());
    }

    private static String acceptKey(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
