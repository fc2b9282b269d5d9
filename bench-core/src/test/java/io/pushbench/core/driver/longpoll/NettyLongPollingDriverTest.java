package io.pushbench.core.driver.longpoll;

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
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.pushbench.core.testing.Await.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The long-polling driver against a scripted server on a plain socket, for what the reference
 * server never does: close connections, break the format. Requests are read and answers written
 * as literal HTTP/1.1 text.
 */
class NettyLongPollingDriverTest {

    private ServerSocket server;
    private NettyLongPollingDriver driver;
    private PushConnection connection;
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
        driver = new NettyLongPollingDriver(1);
    }

    @AfterEach
    void stop() throws IOException {
        driver.close();
        server.close();
    }

    /** Starts connecting: the poller can receive only once its first poll, which asks for the newest id, is answered. */
    private CompletableFuture<PushConnection> connect() {
        Target target = Target.of(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/poll?client=t"));
        return driver.connect(target, listener);
    }

    /** Connects, and answers the first poll as the reference server does: at once, empty, with the newest id (0). */
    private Socket open() throws Exception {
        CompletableFuture<PushConnection> connecting = connect();
        Socket socket = accept();
        assertThat(requestLine(socket)).isEqualTo("GET /poll?client=t-0&after=newest HTTP/1.1");
        assertThat(connecting).as("not open before the answer").isNotDone();
        answer(socket, "Pushbench-Last-Id: 0\r\n", "");
        connection = connecting.get(5, TimeUnit.SECONDS);
        return socket;
    }

    private Socket accept() throws IOException {
        Socket socket = server.accept();
        socket.setSoTimeout(5000);
        return socket;
    }

    /** Reads one request's head and returns its first line. */
    private static String requestLine(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII).lines().findFirst().orElseThrow();
    }

    private static void answer(Socket socket, String headers, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        socket.getOutputStream().write(("HTTP/1.1 200 OK\r\n" + headers + "Content-Length: " + bytes.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /**
     * No new connection comes within 300 ms, longer than the first backoff. Proving an absence takes a
     * wait: a loaded machine can only make it miss a late reconnect, never fail a correct driver.
     */
    private void assertNoReconnect() throws IOException {
        server.setSoTimeout(300);
        assertThatThrownBy(server::accept).isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void pollsWithTheLastIdOnTheSameConnectionAndDeliversTheBatchInOrder() throws Exception {
        try (Socket socket = open()) {
            assertThat(requestLine(socket)).isEqualTo("GET /poll?client=t-0&after=0 HTTP/1.1");
            answer(socket, "Pushbench-Last-Id: 12\r\n", "- direct\n11 a\n12 b\\nc\n");
            assertThat(requestLine(socket)).isEqualTo("GET /poll?client=t-0&after=12 HTTP/1.1");
            answer(socket, "Pushbench-Last-Id: 12\r\n", "");
            assertThat(requestLine(socket)).isEqualTo("GET /poll?client=t-0&after=12 HTTP/1.1");
        }
        assertThat(received).containsExactly("direct", "a", "b\nc");
        assertThat(driver.answeredPolls()).as("the opening answer counts too").isEqualTo(3);
    }

    @Test
    void aConnectionClosedByTheServerIsReopenedAndPolledWithTheLastId() throws Exception {
        try (Socket first = open()) {
            requestLine(first);
            answer(first, "Pushbench-Last-Id: 7\r\n", "7 hello\n");
            requestLine(first);
        }
        try (Socket second = accept()) {
            assertThat(requestLine(second)).isEqualTo("GET /poll?client=t-0&after=7 HTTP/1.1");
            answer(second, "Pushbench-Last-Id: 8\r\n", "8 world\n");
            requestLine(second);
            awaitTrue(() -> received.size() == 2, "both messages");
            assertThat(received).containsExactly("hello", "world");
            assertThat(errors).singleElement().extracting(DriverException::kind).isEqualTo(ErrorKind.CLOSED_BY_SERVER);
            assertThat(driver.tcpConnectionsOpened()).isEqualTo(2);
            assertThat(downtimes).singleElement().satisfies(d -> assertThat(d).isPositive());
        }
    }

    @Test
    void closeDoesNotReconnect() throws Exception {
        try (Socket socket = open()) {
            requestLine(socket);
            connection.close();
            assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();
            assertNoReconnect();
        }
        assertThat(errors).isEmpty();
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void aConnectionClosedBeforeTheFirstAnswerFailsTheConnectAsAnUnansweredHandshakeDoes() throws Exception {
        CompletableFuture<PushConnection> connecting = connect();
        try (Socket socket = accept()) {
            requestLine(socket);
        }
        assertThatThrownBy(() -> connecting.get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(DriverException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.CLOSED_BY_SERVER);
                    assertThat(e.getMessage()).contains("before answering the first poll");
                });
        assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aMalformedBatchIsAProtocolErrorAndClosesTheConnection() throws Exception {
        try (Socket socket = open()) {
            requestLine(socket);
            answer(socket, "Pushbench-Last-Id: 1\r\n", "1hello\n");
            assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.PROTOCOL);
            assertThat(e.getMessage()).contains("no space after its id");
        });
        assertNoReconnect();
    }

    @Test
    void anAnswerWithoutTheLastIdHeaderIsAProtocolError() throws Exception {
        connect();
        try (Socket socket = accept()) {
            requestLine(socket);
            answer(socket, "", "1 hello\n");
            assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(errors).singleElement().extracting(DriverException::kind).isEqualTo(ErrorKind.PROTOCOL);
        assertThat(received).isEmpty();
    }

    @Test
    void aRefusedConnectionFailsTheConnectAsConnectFailed() throws Exception {
        int port = server.getLocalPort();
        server.close();
        Target target = Target.of(URI.create("http://127.0.0.1:" + port + "/poll"));
        assertThatThrownBy(() -> driver.connect(target, listener).get(5, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(DriverException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONNECT_FAILED));
        assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();
    }
}
