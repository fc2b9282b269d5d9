package io.pushbench.server.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TextFramesEndToEnd}: a batch of broadcasts, read back by Netty's own frame decoder as a
 * client reads it (unmasked frames), is the same texts as frames of their own; each length encoding
 * of RFC 6455 (7, 16 and 64 bits) is covered.
 */
class TextFramesEndToEndTest {

    private final TextFramesEndToEnd frames = new TextFramesEndToEnd();

    @Test
    void aBatchReadsBackAsOneTextFramePerBroadcastWhateverItsLength() {
        List<String> texts = List.of("", "hello", "x".repeat(125), "y".repeat(126), "z".repeat(65_535),
                "w".repeat(65_536), "snowman \u2603");
        ByteBuf batch = Unpooled.buffer();
        for (String text : texts) {
            ByteBuf payload = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
            frames.append(batch, payload);
            payload.release();
        }
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket08FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(false).maxFramePayloadLength(1 << 20).build()));

        client.writeInbound(frames.message(batch));

        List<String> read = new ArrayList<>();
        for (WebSocketFrame frame; (frame = client.readInbound()) != null; ) {
            assertThat(frame).isInstanceOf(TextWebSocketFrame.class);
            assertThat(frame.isFinalFragment()).isTrue();
            read.add(((TextWebSocketFrame) frame).text());
            frame.release();
        }
        assertThat(read).containsExactlyElementsOf(texts);
        assertThat(client.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aSubscriberWithAnExtensionEncoderGetsFramesOfTheirOwn() {
        EmbeddedChannel plain = new EmbeddedChannel();
        EmbeddedChannel compressed = new EmbeddedChannel(new WebSocketExtensionEncoder() {
            @Override
            protected void encode(ChannelHandlerContext ctx, WebSocketFrame msg, List<Object> out) {
                out.add(msg.retain());
            }
        });

        assertThat(frames.takes(plain)).isTrue();
        assertThat(frames.takes(compressed)).isFalse();
        plain.finishAndReleaseAll();
        compressed.finishAndReleaseAll();
    }
}
