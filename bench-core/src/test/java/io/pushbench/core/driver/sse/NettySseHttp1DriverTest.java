package io.pushbench.core.driver.sse;

import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.pushbench.core.testing.Await.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SSE driver against a scripted server on a plain socket, for what the reference server never
 * does: split events anywhere, end the stream, answer with the wrong type. Requests are read and
 * answers written as literal HTTP/1.1 text.
 */
class NettySseHttp1DriverTest {

    private static final String STREAM_HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n";

    private ServerSocket server;
    private NettySseHttp1Driver driver;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<DriverException> errors = new CopyOnWriteArrayList<>();
    private final List<Long> downtimes = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final ConnectionListener listener = new ConnectionListener() {
        @Override
        public void onMessage(PushConnection connection, CharSequence payload, long receivedNanos) {
            received.add(payload.toString());
        }

        @Override
        public void onError(PushConnection connection, DriverException error) {
            errors.add(error);
        }

        @Override
        public void onReconnect(PushConnection connection, long downtimeNanos) {
            downtimes.add(downtimeNanos);
        }

        @Override
        public void onClose(PushConnection connection) {
            closed.countDown();
        }
    };

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        server.setSoTimeout(5000);
        driver = new NettySseHttp1Driver(1);
    }

    @AfterEach
    void stop() throws IOException {
        driver.close();
        server.close();
    }

    private Target target() {
        return new Target(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/sse?client=t"), null,
                Map.of("X-Token", "secret"));
    }

    private Socket accept() throws IOException {
        Socket socket = server.accept();
        socket.setSoTimeout(5000);
        return socket;
    }

    /** Reads one request's head. */
    private static String requestHead(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Writes {@code bytes} and waits until the driver has read them, so that the next write
     * reaches it as a read of its own: the split is then certain, not left to timing.
     */
    private void writeAsOwnRead(Socket socket, byte[] bytes, int offset, int length) throws Exception {
        long readBefore = driver.wire().bytesRead();
        socket.getOutputStream().write(bytes, offset, length);
        socket.getOutputStream().flush();
        awaitTrue(() -> driver.wire().bytesRead() >= readBefore + length, length + " bytes read by the driver");
    }

    @Test
    void requestsTheStreamWithItsHeadersAndDeliversEventsSplitAcrossWrites() throws Exception {
        var connecting = driver.connect(target(), listener);
        try (Socket socket = accept()) {
            String head = requestHead(socket);
            assertThat(head).startsWith("GET /sse?client=t-0 HTTP/1.1\r\n")
                    .containsIgnoringCase("accept: text/event-stream\r\n")
                    .containsIgnoringCase("x-token: secret\r\n")
                    .doesNotContainIgnoringCase("last-event-id");
            byte[] streamHead = (STREAM_HEAD + ": hb\r").getBytes(StandardCharsets.UTF_8);
            writeAsOwnRead(socket, streamHead, 0, streamHead.length);
            PushConnection connection = connecting.get(5, TimeUnit.SECONDS);
            assertThat(connection.isOpen()).isTrue();
            // Split inside a CRLF, inside a field name and inside a two-byte character.
            byte[] rest = "\nid: 1\r\nda".getBytes(StandardCharsets.UTF_8);
            writeAsOwnRead(socket, rest, 0, rest.length);
            byte[] data = "ta: h\u00e9llo\r\n\r\n".getBytes(StandardCharsets.UTF_8);
            writeAsOwnRead(socket, data, 0, 6);
            writeAsOwnRead(socket, data, 6, data.length - 6);
            awaitTrue(() -> received.size() == 1, "one event");
            assertThat(received).containsExactly("h\u00e9llo");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void aClosedStreamIsRequestedAgainAfterTheAdvertisedRetryWithLastEventId() throws Exception {
        var connecting = driver.connect(target(), listener);
        try (Socket socket = accept()) {
            requestHead(socket);
            write(socket, STREAM_HEAD + "retry: 50\n\nid: 7\ndata: a\n\n");
            connecting.get(5, TimeUnit.SECONDS);
            awaitTrue(() -> received.size() == 1, "the first event");
        }
        try (Socket socket = accept()) {
            assertThat(requestHead(socket)).startsWith("GET /sse?client=t-0 HTTP/1.1\r\n")
                    .containsIgnoringCase("last-event-id: 7\r\n");
            write(socket, STREAM_HEAD + "data: b\n\n");
            awaitTrue(() -> received.size() == 2, "the event after the reconnect");
            assertThat(received).containsExactly("a", "b");
            assertThat(downtimes).hasSize(1);
            assertThat(errors).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.CLOSED_BY_SERVER);
                assertThat(e.getMessage()).contains("50 ms").contains("Last-Event-ID 7");
            });
            assertThat(driver.tcpConnectionsOpened()).isEqualTo(2);
            assertThat(closed.getCount()).as("still the same open connection").isEqualTo(1);
        }
    }

    @Test
    void aResponseThatEndsIsReopenedToo() throws Exception {
        var connecting = driver.connect(target(), listener);
        try (Socket socket = accept()) {
            requestHead(socket);
            write(socket, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n");
            String events = "retry: 10\nid: 3\ndata: a\n\n";
            write(socket, Integer.toHexString(events.length()) + "\r\n" + events + "\r\n0\r\n\r\n");
            connecting.get(5, TimeUnit.SECONDS);
            try (Socket again = accept()) {
                assertThat(requestHead(again)).containsIgnoringCase("last-event-id: 3\r\n");
            }
        }
        assertThat(received).containsExactly("a");
    }

    @Test
    void closingWhileWaitingToReconnectDoesNotReconnect() throws Exception {
        var connecting = driver.connect(target(), listener);
        PushConnection connection;
        try (Socket socket = accept()) {
            requestHead(socket);
            write(socket, STREAM_HEAD + "retry: 300\n");
            connection = connecting.get(5, TimeUnit.SECONDS);
        }
        awaitTrue(() -> errors.size() == 1, "the loss reported");
        connection.close();
        assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();
        // No reconnect may come once the advertised retry (300 ms) has passed. Proving an absence takes a
        // wait: a loaded machine can only make it miss a late reconnect, never fail a correct driver.
        server.setSoTimeout(500);
        assertThatThrownBy(server::accept).isInstanceOf(SocketTimeoutException.class);
        assertThat(errors).singleElement().extracting(DriverException::kind).isEqualTo(ErrorKind.CLOSED_BY_SERVER);
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void anAnswerThatIsNotAnEventStreamFailsTheConnectionForGood() throws Exception {
        var connecting = driver.connect(target(), listener);
        try (Socket socket = accept()) {
            requestHead(socket);
            write(socket, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
            assertThatThrownBy(() -> connecting.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().hasMessageContaining("application/json");
        }
        assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(errors).singleElement().extracting(DriverException::kind).isEqualTo(ErrorKind.HTTP_STATUS);
        // Proving that no reconnect comes takes a wait; load can only hide a reconnect, never fail a correct driver.
        server.setSoTimeout(300);
        assertThatThrownBy(server::accept).isInstanceOf(SocketTimeoutException.class);
    }
}
