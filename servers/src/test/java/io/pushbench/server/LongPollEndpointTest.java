package io.pushbench.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.pushbench.core.transport.PollBatchFormat;
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
 * {@code GET /poll} from the wire: literal requests into the router, literal answers out, on an
 * {@link EmbeddedChannel} whose clock the test moves. A small history (4 messages) and batch
 * (3 messages) put the bounds within reach.
 */
class LongPollEndpointTest {

    private static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private static final String OK_HEAD = "HTTP/1.1 200 OK\r\n"
            + "content-type: text/plain; charset=utf-8\r\n"
            + "cache-control: no-store\r\n";

    private final Hub hub = new Hub();
    private final DirectDelivery direct = new DirectDelivery();
    private final ServerStats stats = new ServerStats();
    private final ServerContext context = new ServerContext(hub, direct, stats, 1 << 20, HEARTBEAT);
    private final EmbeddedChannel channel = new EmbeddedChannel(new HttpServerCodec(),
            new HttpObjectAggregator(1 << 20), new HttpRouter(context, new Endpoints(new WebSocketEndpoints(context),
            new LongPollEndpoint(context, new MessageHistory(4, 1_000_000), 3), new SseEndpoint(context))));

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private void request(String requestLine) {
        channel.writeInbound(Unpooled.copiedBuffer(requestLine + " HTTP/1.1\r\nHost: test\r\n\r\n",
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

    private static String answer(long lastId, String body) {
        return OK_HEAD + PollBatchFormat.LAST_ID_HEADER + ": " + lastId + "\r\ncontent-length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    @Test
    void aPollWithNothingPendingIsHeldThenAnsweredEmptyWithItsOwnAfterAtTheHeartbeat() {
        // Only the test moves the clock: a busy machine must not add real time.
        channel.freezeTime();
        request("GET /poll?after=-1");
        assertThat(written()).isEmpty();
        channel.advanceTimeBy(HEARTBEAT.toMillis() - 1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(written()).isEmpty();
        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(written()).isEqualTo(answer(-1, ""));
        assertThat(channel.isOpen()).as("kept alive").isTrue();
    }

    @Test
    void aFirstPollAskingForTheNewestIdIsAnsweredAtOnceSoThatNothingPublishedBeforeTheNextPollIsMissed() {
        hub.publish("m0");
        hub.publish("m1");
        request("GET /poll?after=newest&client=c1");
        assertThat(written()).isEqualTo(answer(1, ""));
        // Published between the answer and the next poll: the cursor the client now holds still covers it.
        hub.publish("m2");
        request("GET /poll?after=1");
        assertThat(written()).isEqualTo(answer(2, "2 m2\n"));
    }

    @Test
    void aWaitingPollIsAnsweredWithOneMessageWhenItIsPublished() {
        request("GET /poll?after=-1");
        hub.publish("pb1:0:1:2;xx");
        assertThat(written()).isEqualTo(answer(0, "0 pb1:0:1:2;xx\n"));
        assertThat(stats.subscribers()).isEqualTo(1);
    }

    @Test
    void pendingMessagesAreAnsweredAtOnceInBatchesOfAtMostTheMaximum() {
        for (int i = 0; i < 4; i++) {
            hub.publish("m" + i);
        }
        request("GET /poll?after=-1");
        assertThat(written()).isEqualTo(answer(2, "0 m0\n1 m1\n2 m2\n"));
        request("GET /poll?after=2");
        assertThat(written()).isEqualTo(answer(3, "3 m3\n"));
    }

    @Test
    void textWithBackslashesAndLineBreaksIsEscaped() {
        hub.publish("a\\b\r\nc");
        request("GET /poll?after=-1");
        assertThat(written()).isEqualTo(answer(0, "0 a\\\\b\\r\\nc\n"));
    }

    @Test
    void aPollWithoutAfterGetsOnlyWhatIsPublishedAfterItArrived() {
        hub.publish("old 0");
        hub.publish("old 1");
        request("GET /poll");
        assertThat(written()).isEmpty();
        hub.publish("new");
        assertThat(written()).isEqualTo(answer(2, "2 new\n"));
    }

    @Test
    void anAfterOlderThanTheHistoryGetsWhatRemainsAndTheGapIsCountedOnce() {
        for (int i = 0; i < 10; i++) {
            hub.publish("m" + i);
        }
        // Retained: 6..9. A client that has 1 missed 2..5.
        request("GET /poll?after=1");
        assertThat(written()).isEqualTo(answer(8, "6 m6\n7 m7\n8 m8\n"));
        request("GET /poll?after=8");
        assertThat(written()).isEqualTo(answer(9, "9 m9\n"));
        assertThat(stats.dropped()).isEqualTo(4);
    }

    @Test
    void anAfterNewerThanTheNewestMessageComesFromAnEarlierRunAndGetsEverythingRetained() {
        hub.publish("m0");
        hub.publish("m1");
        request("GET /poll?after=5000");
        assertThat(written()).isEqualTo(answer(1, "0 m0\n1 m1\n"));
        assertThat(stats.dropped()).isZero();
    }

    @Test
    void aMessageForTheClientComesInItsNextAnswerAsADirectLine() {
        request("GET /poll?after=-1&client=c1");
        assertThat(direct.deliver("c1", "pong")).isTrue();
        assertThat(written()).isEqualTo(answer(-1, "- pong\n"));

        assertThat(direct.deliver("c1", "between polls")).isTrue();
        hub.publish("m0");
        request("GET /poll?after=-1&client=c1");
        assertThat(written()).isEqualTo(answer(0, "- between polls\n0 m0\n"));
    }

    @Test
    void theClientIdIsForgottenAndUndeliveredMailCountedWhenTheConnectionCloses() {
        channel.freezeTime();
        request("GET /poll?after=-1&client=c1");
        channel.advanceTimeBy(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        written();
        assertThat(direct.deliver("c1", "never read")).isTrue();
        channel.close();
        assertThat(direct.deliver("c1", "too late")).isFalse();
        assertThat(stats.dropped()).isEqualTo(1);
        assertThat(stats.subscribers()).isZero();
    }

    @Test
    void aPipelinedPollAnswersTheWaitingOneFirst() {
        request("GET /poll?after=-1");
        request("GET /poll?after=-1");
        assertThat(written()).isEqualTo(answer(-1, ""));
        hub.publish("m0");
        assertThat(written()).isEqualTo(answer(0, "0 m0\n"));
    }

    @Test
    void anAfterThatIsNotAnIdIsABadRequest() {
        request("GET /poll?after=soon");
        assertThat(written()).startsWith("HTTP/1.1 400 Bad Request\r\n")
                .endsWith("?after must be a message id >= -1, was soon\n");
        request("GET /poll?after=-2");
        assertThat(written()).startsWith("HTTP/1.1 400 Bad Request\r\n");
    }
}
