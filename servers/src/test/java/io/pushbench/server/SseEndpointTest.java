package io.pushbench.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.pushbench.server.longpoll.LongPollEndpoint;
import io.pushbench.server.sse.SseEndpoint;
import io.pushbench.server.websocket.WebSocketEndpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /sse} from the wire: literal requests into the router, literal chunked answers out,
 * on an {@link EmbeddedChannel} whose clock the test moves. A history of 4 messages puts its
 * bound within reach.
 */
class SseEndpointTest {

    private static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private static final String HEAD = "HTTP/1.1 200 OK\r\n"
            + "content-type: text/event-stream\r\n"
            + "cache-control: no-cache\r\n"
            + "transfer-encoding: chunked\r\n\r\n";
    private static final String RETRY = "retry: " + SseEndpoint.DEFAULT_RETRY_MILLIS + "\n";

    private final Hub hub = new Hub();
    private final DirectDelivery direct = new DirectDelivery();
    private final ServerStats stats = new ServerStats();
    private final ServerContext context = new ServerContext(hub, direct, stats, 1 << 20, HEARTBEAT);
    private final EmbeddedChannel channel = new EmbeddedChannel(new HttpServerCodec(),
            new HttpObjectAggregator(1 << 20), new HttpRouter(context, new Endpoints(new WebSocketEndpoints(context),
            new LongPollEndpoint(context), new SseEndpoint(context, new MessageHistory(4, 1_000_000),
            SseEndpoint.DEFAULT_RETRY_MILLIS))));

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private void request(String requestLineAndHeaders) {
        channel.writeInbound(Unpooled.copiedBuffer(requestLineAndHeaders + "\r\nHost: test\r\n\r\n",
                StandardCharsets.US_ASCII));
    }

    /** Everything written so far, as text; empty when nothing was. */
    private String written() {
        channel.runPendingTasks();
        StringBuilder out = new StringBuilder();
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            out.append(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
        return out.toString();
    }

    /** {@code text} as one HTTP/1.1 chunk. */
    private static String chunk(String text) {
        return Integer.toHexString(text.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + text + "\r\n";
    }

    @Test
    void aStreamStartsWithARetryLineAndCarriesEachBroadcastAsAnEventWithItsId() {
        request("GET /sse HTTP/1.1");
        assertThat(written()).isEqualTo(HEAD + chunk(RETRY));
        hub.publish("m0");
        hub.publish("two\nlines");
        assertThat(written()).isEqualTo(chunk("id: 0\ndata: m0\n\n") + chunk("id: 1\ndata: two\ndata: lines\n\n"));
        assertThat(channel.isOpen()).isTrue();
        assertThat(stats.subscribers()).isEqualTo(1);
    }

    @Test
    void aStreamWithoutLastEventIdGetsOnlyWhatIsPublishedAfterIt() {
        hub.publish("old");
        request("GET /sse HTTP/1.1");
        hub.publish("new");
        assertThat(written()).isEqualTo(HEAD + chunk(RETRY) + chunk("id: 1\ndata: new\n\n"));
    }

    @Test
    void lastEventIdReplaysTheRetainedBroadcastsAfterItBeforeTheLiveOnes() {
        hub.publish("m0");
        hub.publish("m1");
        hub.publish("m2");
        request("GET /sse HTTP/1.1\r\nLast-Event-ID: 0");
        hub.publish("m3");
        assertThat(written()).isEqualTo(HEAD + chunk(RETRY + "id: 1\ndata: m1\n\nid: 2\ndata: m2\n\n")
                + chunk("id: 3\ndata: m3\n\n"));
        assertThat(stats.dropped()).isZero();
    }

    @Test
    void aLastEventIdOlderThanTheHistoryGetsWhatRemainsAndTheGapIsCountedAsDropped() {
        for (int i = 0; i < 10; i++) {
            hub.publish("m" + i);
        }
        // Retained: 6..9. A client that has 1 missed 2..5.
        request("GET /sse HTTP/1.1\r\nLast-Event-ID: 1");
        assertThat(written()).isEqualTo(HEAD + chunk(RETRY
                + "id: 6\ndata: m6\n\nid: 7\ndata: m7\n\nid: 8\ndata: m8\n\nid: 9\ndata: m9\n\n"));
        assertThat(stats.dropped()).isEqualTo(4);
    }

    @Test
    void aLastEventIdNewerThanTheNewestComesFromAnEarlierRunAndGetsEverythingRetained() {
        hub.publish("m0");
        request("GET /sse HTTP/1.1\r\nLast-Event-ID: 5000");
        assertThat(written()).isEqualTo(HEAD + chunk(RETRY + "id: 0\ndata: m0\n\n"));
    }

    @Test
    void aLastEventIdThatIsNotANumberIsIgnored() {
        hub.publish("m0");
        request("GET /sse HTTP/1.1\r\nLast-Event-ID: abc");
        assertThat(written()).isEqualTo(HEAD + chunk(RETRY));
    }

    @Test
    void aCommentHeartbeatIsWrittenWhenNothingWasWrittenForTheInterval() {
        // Only the test moves the clock: a busy machine must not add real time.
        channel.freezeTime();
        request("GET /sse HTTP/1.1");
        written();
        channel.advanceTimeBy(HEARTBEAT.toMillis() - 1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(written()).isEmpty();
        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(written()).isEqualTo(chunk(": hb\n"));
    }

    @Test
    void anEchoForTheClientComesDownItsStreamAsAnEventWithoutId() {
        request("GET /sse?client=c1 HTTP/1.1");
        written();
        assertThat(direct.deliver("c1", "pong")).isTrue();
        assertThat(written()).isEqualTo(chunk("data: pong\n\n"));
        channel.close();
        assertThat(direct.deliver("c1", "too late")).isFalse();
        assertThat(stats.subscribers()).isZero();
    }

    @Test
    void requestsPipelinedBehindTheStreamAreDiscarded() {
        request("GET /sse HTTP/1.1");
        request("GET /health HTTP/1.1");
        hub.publish("m0");
        assertThat(written()).isEqualTo(HEAD + chunk(RETRY) + chunk("id: 0\ndata: m0\n\n"));
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void anHttp10ClientGetsTheStreamUnchunkedEndedByClose() {
        request("GET /sse HTTP/1.0");
        hub.publish("m0");
        assertThat(written()).isEqualTo("HTTP/1.1 200 OK\r\n"
                + "content-type: text/event-stream\r\n"
                + "cache-control: no-cache\r\n"
                + "connection: close\r\n\r\n"
                + RETRY + "id: 0\ndata: m0\n\n");
    }
}
