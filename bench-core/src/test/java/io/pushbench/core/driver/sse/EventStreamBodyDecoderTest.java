package io.pushbench.core.driver.sse;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.pushbench.core.sse.SseLimitException;
import io.pushbench.core.sse.SseParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The body of an event-stream response, read in place of the HTTP codec's decoder: from literal
 * wire text, headers and body in one piece, split in two at every byte, and byte by byte.
 */
class EventStreamBodyDecoderTest {

    private static final String CHUNKED = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n"
            + "transfer-encoding: chunked\r\n\r\n";

    @Test
    void chunksAreJoinedIntoEventsWhereverTheReadsSplitThem() {
        String wire = CHUNKED + chunk("data: one\n\nda") + chunk("ta: two\n\n");
        Result whole = read(wire, wire.length());
        assertThat(whole.data).containsExactly("one", "two");
        assertThat(whole.ended).isZero();
        for (int split = 1; split < wire.length(); split++) {
            assertThat(read(wire, split).data).as("split at byte %d", split).containsExactly("one", "two");
        }
        assertThat(read(wire, 1, 1).data).as("byte by byte").containsExactly("one", "two");
    }

    @Test
    void chunkExtensionsAndUpperCaseSizesAreRead() {
        String event = "data: " + "x".repeat(20) + "\n\n";
        String wire = CHUNKED + Integer.toHexString(event.length()).toUpperCase() + ";name=value\r\n" + event + "\r\n";
        assertThat(read(wire, wire.length()).data).containsExactly("x".repeat(20));
    }

    @Test
    void theLastChunkAndItsTrailersEndTheBody() {
        String wire = CHUNKED + chunk("data: end\n\n") + "0\r\nx-trailer: 1\r\n\r\n";
        for (int split = 1; split < wire.length(); split++) {
            Result r = read(wire, split);
            assertThat(r.data).as("split at byte %d", split).containsExactly("end");
            assertThat(r.ended).as("split at byte %d", split).isEqualTo(1);
        }
    }

    @Test
    void aFixedLengthBodyEndsAfterItsLength() {
        String body = "data: a\n\ndata: b\n\n";
        String wire = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncontent-length: " + body.length()
                + "\r\n\r\n" + body;
        Result r = read(wire, wire.length());
        assertThat(r.data).containsExactly("a", "b");
        assertThat(r.ended).isEqualTo(1);
        assertThat(read("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncontent-length: 0\r\n\r\n", 10).ended)
                .isEqualTo(1);
    }

    @Test
    void aBodyWithoutFramingRunsUntilTheConnectionCloses() {
        String wire = "HTTP/1.0 200 OK\r\ncontent-type: text/event-stream\r\n\r\ndata: a\n\ndata: b\n\n";
        Result r = read(wire, 7);
        assertThat(r.data).containsExactly("a", "b");
        assertThat(r.ended).isZero();
        assertThat(r.failures).isEmpty();
    }

    @Test
    void eachEventHasTheReceiveTimeOfTheReadThatCompletedIt() {
        Result r = new Result();
        EmbeddedChannel ch = channel(r, new SseParser(r));
        ch.writeInbound(ascii(CHUNKED + chunk("data: one\n\n")));
        long beforeSecond = System.nanoTime();
        ch.writeInbound(ascii(chunk("data: two\n\n")));
        assertThat(r.receivedNanos.get(0)).isLessThan(beforeSecond);
        assertThat(r.receivedNanos.get(1)).isGreaterThanOrEqualTo(beforeSecond);
    }

    @Test
    void aSizeThatIsNotHexadecimalFailsTheBody() {
        Result r = read(CHUNKED + "zz\r\ndata: x\n\n\r\n", 1000);
        assertThat(r.ended).isZero();
        assertThat(r.failures).singleElement().asString().contains("malformed chunk size 'zz'");
        assertThat(r.data).isEmpty();
    }

    @Test
    void chunkDataNotFollowedByCrlfFailsTheBody() {
        Result r = read(CHUNKED + "2\r\nabXY3\r\n", 1000);
        assertThat(r.failures).singleElement().asString().contains("not followed by CRLF");
    }

    @Test
    void aChunkSizeLineLongerThanTheLimitFailsTheBody() {
        Result r = read(CHUNKED + "1;" + "e".repeat(EventStreamBodyDecoder.MAX_LINE_BYTES), 1000);
        assertThat(r.failures).singleElement().asString().contains("longer than " + EventStreamBodyDecoder.MAX_LINE_BYTES);
    }

    @Test
    void anEventOverTheParsersLimitFailsTheBody() {
        Result r = new Result();
        EmbeddedChannel ch = channel(r, new SseParser(r, 16));
        ch.writeInbound(ascii(CHUNKED + "18\r\ndata: 12345678901234567\r\n"));
        assertThat(r.causes).singleElement().isInstanceOf(SseLimitException.class);
    }

    /** One chunk of a chunked body: its size in hexadecimal, CRLF, the data, CRLF. */
    private static String chunk(String data) {
        return Integer.toHexString(data.length()) + "\r\n" + data + "\r\n";
    }

    /** Feeds {@code wire} in reads of {@code firstRead} bytes and then the rest (or reads of {@code step} bytes). */
    private static Result read(String wire, int firstRead, int... step) {
        Result r = new Result();
        EmbeddedChannel ch = channel(r, new SseParser(r));
        int size = step.length > 0 ? step[0] : wire.length();
        int at = 0;
        int next = Math.min(firstRead, wire.length());
        while (at < wire.length()) {
            ch.writeInbound(ascii(wire.substring(at, next)));
            at = next;
            next = Math.min(wire.length(), at + size);
        }
        ch.finishAndReleaseAll();
        return r;
    }

    /** The codec and a handler that hands the body to the decoder when the headers arrive, as the SSE driver does. */
    private static EmbeddedChannel channel(Result r, SseParser parser) {
        return new EmbeddedChannel(new HttpClientCodec(), new SimpleChannelInboundHandler<HttpObject>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
                if (msg instanceof HttpResponse response) {
                    EventStreamBodyDecoder.replaceHttpDecoder(ctx, response, parser, r);
                }
            }
        });
    }

    private static io.netty.buffer.ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    private static final class Result implements SseParser.Listener, EventStreamBodyDecoder.Events {
        final List<String> data = new ArrayList<>();
        final List<Long> receivedNanos = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        final List<Throwable> causes = new ArrayList<>();
        int ended;

        @Override
        public void onEvent(CharSequence lastEventId, CharSequence type, CharSequence data, long receivedNanos) {
            this.data.add(data.toString());
            this.receivedNanos.add(receivedNanos);
        }

        @Override
        public void ended(ChannelHandlerContext ctx) {
            ended++;
        }

        @Override
        public void failed(ChannelHandlerContext ctx, String reason, Throwable cause) {
            failures.add(reason);
            causes.add(cause);
        }
    }
}
