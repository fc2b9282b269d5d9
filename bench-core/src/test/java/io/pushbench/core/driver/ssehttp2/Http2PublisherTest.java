package io.pushbench.core.driver.ssehttp2;

import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TlsTrust;
import io.pushbench.core.record.WireCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Publishing over HTTP/2 (h2c with prior knowledge here): a POST completes when a real HTTP/2
 * server answered it, and every way it can fail is reported with its cause: nobody listening, a
 * server that answers in HTTP/1.1.
 */
@Timeout(60)
class Http2PublisherTest {

    private final WireCounter wire = new WireCounter();
    private final Http2Publisher publisher = new Http2Publisher(TlsTrust.system(), wire);

    @AfterEach
    void close() {
        publisher.close();
    }

    private CompletableFuture<Void> publish(int port) {
        URI uri = URI.create("http://127.0.0.1:" + port + "/pub?id=a");
        return publisher.post(uri, "pb1:1:2:3;", Target.of(uri));
    }

    private static DriverException failure(CompletableFuture<Void> publish) throws Exception {
        ExecutionException e = catchThrowableOfType(() -> publish.get(20, TimeUnit.SECONDS), ExecutionException.class);
        assertThat(e).as("the publish failed").isNotNull();
        assertThat(e.getCause()).isInstanceOf(DriverException.class);
        return (DriverException) e.getCause();
    }

    @Test
    void aPublishCompletesWhenTheServerAnswered() throws Exception {
        try (StreamLimitServer server = new StreamLimitServer(10)) {
            publish(server.port()).get(20, TimeUnit.SECONDS);
            publish(server.port()).get(20, TimeUnit.SECONDS);

            assertThat(server.connections()).as("publishes share a connection").isEqualTo(1);
            assertThat(wire.connectionsOpened()).isEqualTo(1);
        }
    }

    @Test
    void nobodyListeningIsAConnectFailure() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }

        DriverException error = failure(publish(port));

        assertThat(error.kind()).isEqualTo(ErrorKind.CONNECT_FAILED);
        assertThat(error.getMessage()).contains("connection refused");
    }

    @Test
    void aServerAnsweringInHttp11IsAProtocolErrorSayingSo() throws Exception {
        try (ServerSocket http1 = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> {
                try (Socket s = http1.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                    in.read(new byte[1024]);
                    out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (Exception e) {
                    // The test reads the client's side.
                }
            }, "http1-server");
            answering.start();

            DriverException error = failure(publish(http1.getLocalPort()));

            assertThat(error.kind()).isEqualTo(ErrorKind.PROTOCOL);
            assertThat(error.getMessage()).contains("answered in HTTP/1.x, not HTTP/2", "h2c");
            answering.join(5000);
        }
    }
}
