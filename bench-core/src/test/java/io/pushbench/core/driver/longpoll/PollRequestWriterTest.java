package io.pushbench.core.driver.longpoll;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.netty.NettyHttpRequests;
import io.pushbench.core.transport.PollBatchFormat;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A poll's bytes are those Netty's request encoder writes for the same request, for every cursor and in every state. */
class PollRequestWriterTest {

    private static final Target TARGET = new Target(URI.create("http://127.0.0.1:8080/poll?client=c-7&x=a%20b#frag"),
            null, Map.of("Authorization", "Bearer t"));

    @Test
    void pushbenchPollsAskForTheNewestThenForWhatCameAfterTheLastId() {
        PollCursor cursor = PollCursorStrategy.PUSHBENCH.newCursor(TARGET.uri());
        assertThat(written(cursor)).isEqualTo(encodedByNetty(cursor))
                .startsWith("GET /poll?client=c-7&x=a%20b&after=newest HTTP/1.1\r\n");
        for (String id : new String[] {"-1", "0", "9", "10", "1234567890123"}) {
            cursor.answer(200, name -> PollBatchFormat.LAST_ID_HEADER.equalsIgnoreCase(name) ? id : null,
                    new byte[0], (n, text) -> { });
            assertThat(written(cursor)).isEqualTo(encodedByNetty(cursor)).contains("&after=" + id + " HTTP/1.1");
        }
    }

    @Test
    void etagPollsCarryTheValidatorsAsHeaders() {
        PollCursor cursor = PollCursorStrategy.ETAG.newCursor(TARGET.uri());
        cursor.answer(200, name -> name.equalsIgnoreCase("etag") ? "\"v7\"" : null,
                "pb1:1:1:0;x".getBytes(StandardCharsets.US_ASCII), (n, text) -> { });
        assertThat(written(cursor)).isEqualTo(encodedByNetty(cursor)).contains("If-None-Match: \"v7\"\r\n");
    }

    @Test
    void headerCursorsPollWithTheirQueryParameter() {
        PollCursor cursor = PollCursorStrategy.parse("header:X-Cursor,query:since").newCursor(TARGET.uri());
        cursor.answer(200, name -> name.equalsIgnoreCase("X-Cursor") ? "abc/1" : null,
                "pb1:1:1:0;x".getBytes(StandardCharsets.US_ASCII), (n, text) -> { });
        assertThat(written(cursor)).isEqualTo(encodedByNetty(cursor));
    }

    private static String written(PollCursor cursor) {
        ByteBuf bytes = new PollRequestWriter(TARGET).write(ByteBufAllocator.DEFAULT, cursor);
        try {
            return bytes.toString(StandardCharsets.ISO_8859_1);
        } finally {
            bytes.release();
        }
    }

    /** The poll as the driver made it before it wrote polls itself: a request object through Netty's encoder. */
    private static String encodedByNetty(PollCursor cursor) {
        FullHttpRequest request = NettyHttpRequests.get(TARGET, cursor.next());
        cursor.headers(request.headers()::set);
        EmbeddedChannel ch = new EmbeddedChannel(new HttpRequestEncoder());
        ch.writeOutbound(request);
        StringBuilder out = new StringBuilder();
        for (ByteBuf b; (b = ch.readOutbound()) != null; b.release()) {
            out.append(b.toString(StandardCharsets.ISO_8859_1));
        }
        ch.finishAndReleaseAll();
        return out.toString();
    }
}
