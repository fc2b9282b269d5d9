package io.pushbench.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The reference server's limits, from the wire: literal requests over a plain socket. */
class HardeningTest {

    private ReferenceServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    /** Sends {@code request} and reads until the server closes the connection (or 5 s pass). */
    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return readUntilClosed(socket.getInputStream());
        }
    }

    private static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            response.write(buffer, 0, n);
        }
        return response.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void malformedHttpGets400AndTheConnectionClosed() throws Exception {
        server = ReferenceServer.builder().start();
        assertThat(exchange("HELLO THERE\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(server.stats().errors()).isEqualTo(1);
    }

    @Test
    void oversizedHeadersGet431() throws Exception {
        server = ReferenceServer.builder().maxHeaderBytes(1024).start();
        String response = exchange("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(2000) + "\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 431 ");
    }

    @Test
    void anOversizedRequestLineGets414() throws Exception {
        server = ReferenceServer.builder().maxHeaderBytes(1024).start();
        String response = exchange("GET /health?" + "a".repeat(2000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 414 ");
    }

    @Test
    void anOversizedBodyGets413() throws Exception {
        server = ReferenceServer.builder().maxMessageBytes(1024).start();
        // The declared length alone earns the 413: the body is not sent, because a server that refuses it
        // closes with it unread, and the kernel then resets the connection, which can discard the answer.
        String response = exchange("POST /publish HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 413 ");
        assertThat(server.hub().published()).isZero();
    }

    @Test
    void anIdleConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        server = ReferenceServer.builder().idleTimeout(Duration.ofMillis(300)).start();
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            assertThat(socket.getInputStream().read()).as("closed by the server").isEqualTo(-1);
        }
        assertThat(server.stats().idleClosed()).isEqualTo(1);
    }

    @Test
    void itListensOnLoopbackUnlessToldOtherwise() throws Exception {
        server = ReferenceServer.builder().start();
        assertThat(server.host()).isEqualTo("127.0.0.1");
    }
}
