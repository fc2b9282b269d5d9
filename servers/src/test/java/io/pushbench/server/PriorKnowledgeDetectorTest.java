package io.pushbench.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http2.Http2FrameCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The plaintext port's choice between HTTP/1.1 and HTTP/2 with prior knowledge, from the bytes on the wire. */
class PriorKnowledgeDetectorTest {

    private static final String PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
    /** An empty SETTINGS frame: length 0, type 4, no flags, stream 0. */
    private static final byte[] EMPTY_SETTINGS = {0, 0, 0, 4, 0, 0, 0, 0, 0};

    private final ServerContext context = new ServerContext(new Hub(), new DirectDelivery(), new ServerStats(),
            64 * 1024, Duration.ofSeconds(15));
    private final EmbeddedChannel channel = new EmbeddedChannel(new PriorKnowledgeDetector(new HttpStacks(context, 8192)));

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void anHttp11RequestIsServedByHttp11() {
        channel.writeInbound(ascii("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n"));

        assertThat(channel.pipeline().get(HttpServerCodec.class)).isNotNull();
        assertThat(channel.pipeline().get(PriorKnowledgeDetector.class)).isNull();
        assertThat(readOutbound()).startsWith("HTTP/1.1 200 OK").endsWith("ok\n");
    }

    @Test
    void thePrefaceStartsHttp2AndTheServerAnswersWithItsSettings() {
        channel.writeInbound(Unpooled.wrappedBuffer(ascii(PREFACE), Unpooled.wrappedBuffer(EMPTY_SETTINGS)));

        assertThat(channel.pipeline().get(Http2FrameCodec.class)).isNotNull();
        assertThat(channel.pipeline().get(PriorKnowledgeDetector.class)).isNull();
        ByteBuf settings = channel.readOutbound();
        assertThat(settings.getByte(3)).as("frame type of the server's first frame").isEqualTo((byte) 4);
        assertThat(settings.getInt(5)).as("stream id").isZero();
        settings.release();
    }

    @Test
    void aPrefaceSplitAcrossReadsWaitsForItsLastByte() {
        byte[] preface = PREFACE.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < preface.length - 1; i++) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {preface[i]}));
            assertThat(channel.pipeline().get(PriorKnowledgeDetector.class)).as("after %d bytes", i + 1).isNotNull();
        }
        assertThat((Object) channel.readOutbound()).isNull();

        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {preface[preface.length - 1]}));

        assertThat(channel.pipeline().get(Http2FrameCodec.class)).isNotNull();
    }

    @Test
    void aRequestThatDiffersFromThePrefaceOnlyInTheVersionIsHttp11() {
        // "PRI * HTTP/1.1" matches the preface for 11 bytes, then differs.
        channel.writeInbound(ascii("PRI * HTTP/"));
        assertThat(channel.pipeline().get(PriorKnowledgeDetector.class)).isNotNull();

        channel.writeInbound(ascii("1.1\r\nHost: localhost\r\n\r\n"));

        assertThat(channel.pipeline().get(HttpServerCodec.class)).isNotNull();
        assertThat(channel.pipeline().get(Http2FrameCodec.class)).isNull();
        assertThat(readOutbound()).startsWith("HTTP/1.1 404");
    }

    private String readOutbound() {
        StringBuilder text = new StringBuilder();
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            text.append(buf.toString(StandardCharsets.US_ASCII));
            buf.release();
        }
        return text.toString();
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }
}
