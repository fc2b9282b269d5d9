package io.pushbench.core.driver.lifecycle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A server on a real loopback socket whose behaviour a test scripts, for what a well-behaved server
 * never does: drop a connection, never answer, answer then reset. Each accepted connection has the
 * head of its first request read on the accepting thread (so that {@link #exchanges()} is in the
 * order the client connected, with the request known), then runs the script on a thread of its
 * own; one that sends no request within {@value #HEAD_TIMEOUT_MILLIS} ms is held unscripted.
 *
 * <p>Thread-safe.
 */
public final class ScriptedServer implements AutoCloseable {

    /** How the server drops a connection. */
    public enum Drop {
        /** A FIN: the server closed it. */
        CLOSE,
        /** An RST: the server crashed, or a middlebox cut it. */
        RESET;

        /** Drops {@code exchange}'s connection this way. */
        public void apply(Exchange exchange) throws IOException {
            if (this == CLOSE) {
                exchange.close();
            } else {
                exchange.reset();
            }
        }
    }

    /** What the server does with one connection. */
    @FunctionalInterface
    public interface Script {
        void run(Exchange exchange) throws Exception;
    }

    /**
     * How long the accepting thread waits for a connection's request. A client that connected and
     * then gave up its request (a library aborting it) may keep the connection idle in its pool:
     * such a connection is held, unscripted, until the client closes it.
     */
    static final long HEAD_TIMEOUT_MILLIS = 5_000;

    private final ServerSocket socket;
    private final Script script;
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** Starts accepting on an ephemeral loopback port. */
    public ScriptedServer(Script script) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.script = script;
        start("scripted-accept", this::acceptLoop);
    }

    /** The port it listens on. */
    public int port() {
        return socket.getLocalPort();
    }

    /** Every connection accepted so far, in the order the client opened them. */
    public List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket accepted;
            try {
                accepted = socket.accept();
            } catch (IOException e) {
                return;
            }
            Exchange exchange = new Exchange(exchanges.size(), accepted);
            boolean requested;
            try {
                accepted.setSoTimeout((int) HEAD_TIMEOUT_MILLIS);
                exchange.head = exchange.readHead();
                accepted.setSoTimeout((int) TimeUnit.SECONDS.toMillis(ListenerLog.TIMEOUT_SECONDS));
                requested = true;
            } catch (IOException e) {
                exchange.head = "";
                requested = false;
            }
            exchanges.add(exchange);
            Script next = requested ? script : Exchange::awaitEnd;
            start("scripted-" + exchange.index, () -> {
                try {
                    next.run(exchange);
                } catch (Exception e) {
                    exchange.failure = e;
                    exchange.close();
                }
            });
        }
    }

    private void start(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    /** Stops accepting and closes every connection. */
    @Override
    public void close() throws IOException {
        closed = true;
        socket.close();
        exchanges.forEach(Exchange::close);
        threads.forEach(Thread::interrupt);
    }

    /** One accepted connection and the head of the first request on it. */
    public static final class Exchange {

        private final int index;
        private final Socket socket;
        private volatile String head;
        private volatile boolean endSeen;
        private volatile Exception failure;

        private Exchange(int index, Socket socket) {
            this.index = index;
            this.socket = socket;
        }

        /** The connection's number, from 0, in the order connections were accepted. */
        public int index() {
            return index;
        }

        /** The head of the first request (request line and headers), or empty when none came. */
        public String head() {
            return head;
        }

        /** The path of the first request, query included, or empty. */
        public String path() {
            String[] parts = head.split(" ", 3);
            return parts.length < 3 ? "" : parts[1];
        }

        /** A header of the first request, or null. */
        public String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    return line.substring(prefix.length()).trim();
                }
            }
            return null;
        }

        /** Whether the client closed the connection (the server read its end, or a reset). */
        public boolean endSeen() {
            return endSeen;
        }

        /** What the script threw, or null. */
        public Exception failure() {
            return failure;
        }

        /** Reads the next request's head, up to its blank line. */
        public String readHead() throws IOException {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    endSeen = true;
                    throw new IOException("the client closed the connection after " + head.size() + " bytes");
                }
                head.write(b);
            }
            return head.toString(StandardCharsets.US_ASCII);
        }

        /** Writes {@code text} as UTF-8. */
        public void write(String text) throws IOException {
            write(text.getBytes(StandardCharsets.UTF_8));
        }

        /** Writes {@code bytes}. */
        public void write(byte[] bytes) throws IOException {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        }

        /** Reads and discards until the client closes the connection; then {@link #endSeen()} is true. */
        public void awaitEnd() throws IOException {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[1024];
            try {
                while (in.read(buffer) >= 0) {
                    // What the client sends meanwhile (a WebSocket close frame, a ping) does not matter here.
                }
            } catch (SocketException e) {
                // A reset is an end too.
            }
            endSeen = true;
        }

        /** Closes the connection with a FIN. */
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // Already closed.
            }
        }

        /** Closes the connection with a reset (RST), as a crashed server or a middlebox does. */
        public void reset() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
        }
    }

    /** The exchanges whose first request went to {@code path}. */
    public List<Exchange> exchangesTo(String path) {
        List<Exchange> matching = new ArrayList<>();
        for (Exchange exchange : exchanges) {
            if (exchange.path().startsWith(path)) {
                matching.add(exchange);
            }
        }
        return matching;
    }
}
