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
        nginx = Nginx.startNchan(dir, "nchan_message_buffer_length 2000; nchan_message_timeout 60s;");
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
