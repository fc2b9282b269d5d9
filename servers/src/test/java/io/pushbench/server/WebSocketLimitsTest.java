package io.pushbench.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static io.pushbench.core.testing.Await.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference server's WebSocket limits, from the wire: a hand-made client on a plain socket
 * (RFC 6455 handshake and masked frames written byte by byte), so nothing in between can hide
 * what the server sends or when it stops reading.
 */
class WebSocketLimitsTest {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    /** RFC 6455, 7.4.1: the message is too big to process. */
    private static final int MESSAGE_TOO_BIG = 1009;

    private ReferenceServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aMessageOverTheLimitIsAnsweredWithClose1009() throws Exception {
        server = ReferenceServer.builder().maxMessageBytes(1024).start();
        try (Socket socket = upgrade("/ws/echo", 0)) {
            writeMaskedText(socket.getOutputStream(), 1025);

            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertThat(in.readUnsignedByte()).as("FIN + close").isEqualTo(0x88);
            int length = in.readUnsignedByte();
            assertThat(length).as("an unmasked close frame with a status").isBetween(2, 125);
            assertThat(in.readUnsignedShort()).isEqualTo(MESSAGE_TOO_BIG);
        }
    }

    @Test
    void aMessageAtTheLimitIsEchoed() throws Exception {
        server = ReferenceServer.builder().maxMessageBytes(1024).start();
        try (Socket socket = upgrade("/ws/echo", 0)) {
            writeMaskedText(socket.getOutputStream(), 1024);

            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertThat(in.readUnsignedByte()).as("FIN + text").isEqualTo(0x81);
            assertThat(in.readUnsignedByte()).as("unmasked, 16-bit length follows").isEqualTo(126);
            assertThat(in.readUnsignedShort()).isEqualTo(1024);
        }
    }

    @Test
    void aSubscriberThatStopsReadingMissesBroadcastsWhichAreCountedAsDropped() throws Exception {
        int buffer = 64 * 1024;
        server = ReferenceServer.builder().subscriberBufferBytes(buffer).start();
        // A small receive window, so the kernel takes little before the server's own queue fills.
        try (Socket stalled = upgrade("/ws/broadcast", 4096)) {
            awaitTrue(() -> server.stats().subscribers() == 1, "the subscriber joined");
            int messages = 2000;
            int size = 4096;
            for (int i = 0; i < messages; i++) {
                server.hub().publishEnvelope(i, System.nanoTime(), size);
            }
            // 8 MB were published to a reader that took none of it: what the kernel and the
            // server's queue hold is bounded, the rest is dropped and counted, not kept.
            awaitTrue(() -> server.stats().dropped() > 0, "broadcasts to the stalled subscriber are dropped");
            assertThat(server.stats().dropped()).isLessThanOrEqualTo(messages);
            assertThat(stalled.isClosed()).isFalse();
        }
        // The server is still serving others.
        try (Socket next = upgrade("/ws/echo", 0)) {
            writeMaskedText(next.getOutputStream(), 10);
            assertThat(new DataInputStream(next.getInputStream()).readUnsignedByte()).isEqualTo(0x81);
        }
    }

    /** Opens a WebSocket at {@code path} by hand; {@code receiveBuffer} > 0 sets SO_RCVBUF before connecting. */
    private Socket upgrade(String path, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        socket.setSoTimeout(5000);
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = socket.getInputStream().read();
            if (b < 0) {
                throw new IOException("the server closed during the handshake: " + head);
            }
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
        return socket;
    }

    /** One masked text frame of {@code length} bytes ({@code < 65536}), as a client must send it. */
    private static void writeMaskedText(OutputStream out, int length) throws IOException {
        byte[] mask = {0x11, 0x22, 0x33, 0x44};
        out.write(0x81);
        if (length < 126) {
            out.write(0x80 | length);
        } else {
            out.write(0x80 | 126);
            out.write(length >>> 8);
            out.write(length & 0xff);
        }
        out.write(mask);
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) ('a' ^ mask[i % 4]);
        }
        out.write(payload);
        out.flush();
    }
}
