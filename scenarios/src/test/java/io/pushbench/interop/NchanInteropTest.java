package io.pushbench.interop;

import io.pushbench.core.result.TransportResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code capacity}, run as a user would from the command line, against nginx + nchan (Debian's
 * packages; see {@link Nginx}): a pub/sub server written by others, publishing by {@code POST} and
 * pushing to the same subscriber URL over WebSocket, EventSource (SSE over HTTP/1.1) and long
 * polling that resumes by {@code Last-Modified}/{@code Etag}.
 */
@Timeout(60)
class NchanInteropTest {

    @TempDir
    Path dir;

    private Nginx nginx;

    @BeforeEach
    void startNchan() throws Exception {
        // A message buffer long enough that a long-poll subscriber between two polls misses
        // nothing; nchan's default keeps 10 messages.
        // ... a deflated copy of each message for the WebSocket subscribers that offer permessage-deflate,
        // and every message a long poll has missed in its answer (multipart/mixed, the Etag and Last-Modified
        // of the last one), as a deployment at 10,000 deliveries/s would: one message per poll takes 10,000
        // polls/s, more than a loaded 2-core test machine serves in time.
        nginx = Nginx.startNchan(dir, "nchan_message_buffer_length 2000; nchan_message_timeout 60s; "
                + "nchan_deflate_message_for_websocket on; nchan_longpoll_multipart_response on;");
    }

    @AfterEach
    void stopNchan() {
        nginx.close();
    }

    @Test
    void webSocketSubscribersReceiveEveryPublish() throws Exception {
        TransportResult r = capacity("--url", nginx.base("ws") + "/sub?id=ws", "--mode", "pubsub",
                "--publish-url", nginx.base("http") + "/pub?id=ws", "--connections", "20", "--rate", "50");
        assertThat(r.transport().id()).isEqualTo("websocket");
        assertEveryMessageOnce(r, 20);
    }

    /** nchan deflates each message once for every subscriber that negotiated permessage-deflate. */
    @Test
    void webSocketCompressionPutsFewerBytesOnTheWireThanThePayload() throws Exception {
        int size = 2048;
        TransportResult r = capacity("--url", nginx.base("ws") + "/sub?id=deflate", "--mode", "pubsub",
                "--publish-url", nginx.base("http") + "/pub?id=deflate", "--connections", "5", "--rate", "50",
                "--size", Integer.toString(size), "--ws-compression");
        assertEveryMessageOnce(r, 5);
        assertThat(r.wire().bytesPerMessage()).isLessThan(size / 4.0);
    }

    @Test
    void sseOverHttp1SubscribersReceiveEveryPublish() throws Exception {
        TransportResult r = capacity("--transport", "sse-http1", "--url", nginx.base("http") + "/sub?id=sse",
                "--mode", "pubsub", "--publish-url", nginx.base("http") + "/pub?id=sse", "--connections", "20",
                "--rate", "50");
        assertThat(r.transport().id()).isEqualTo("sse-http1");
        assertEveryMessageOnce(r, 20);
    }

    /** The acceptance of issue 13: 100 subscribers at 100 msg/s, none lost, none twice. */
    @Test
    void longPollingResumesByEtagAndLosesNothing() throws Exception {
        TransportResult r = capacity("--transport", "long-polling", "--poll-cursor", "etag",
                "--url", nginx.base("http") + "/sub?id=lp", "--mode", "pubsub",
                "--publish-url", nginx.base("http") + "/pub?id=lp", "--connections", "100", "--rate", "100");
        assertThat(r.transport().id()).isEqualTo("long-polling");
        assertEveryMessageOnce(r, 100);
    }

    private void assertEveryMessageOnce(TransportResult r, int subscribers) {
        assertThat(r.errors()).as(nginx.errorLog()).isEmpty();
        assertThat(r.delivery().sent()).isPositive();
        assertThat(r.delivery().received()).isEqualTo(r.delivery().sent() * subscribers);
        assertThat(r.delivery().lost()).isZero();
        assertThat(r.delivery().duplicated()).isZero();
    }

    private TransportResult capacity(String... options) throws Exception {
        return InteropCli.capacityStep(dir.resolve("out"), options);
    }
}
