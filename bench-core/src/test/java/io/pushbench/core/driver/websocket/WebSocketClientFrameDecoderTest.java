package io.pushbench.core.driver.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.PushConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The client's frame decoder, from the bytes a server sends: whole text messages go to the
 * listener, everything else down the pipeline as Netty's frames, and what breaks RFC 6455 fails the
 * connection. Frames are written by Netty's own server-side encoder, at the payload lengths where
 * the length encoding changes (125/126, 65535/65536).
 */
class WebSocketClientFrameDecoderTest {

    private static final int MAX = 1 << 20;

    private final Messages messages = new Messages();
    private final EmbeddedChannel channel = new EmbeddedChannel(
            new WebSocketClientFrameDecoder(messages, messages, MAX));

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65_535, 65_536, 70_000})
    void aTextFrameOfAnyLengthGoesToTheListenerAndNothingDownThePipeline(int length) {
        String text = "x".repeat(length);

        channel.writeInbound(serverFrames(new TextWebSocketFrame(text)));

        assertThat(messages.texts).containsExactly(text);
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void aFrameSplitAnywhereAcrossReadsIsDeliveredOnceWhole() {
        ByteBuf wire = serverFrames(new TextWebSocketFrame("y".repeat(130)), new TextWebSocketFrame("short"));
        byte[] bytes = new byte[wire.readableBytes()];
        wire.readBytes(bytes);
        for (int split = 1; split < bytes.length; split++) {
            Messages each = new Messages();
            EmbeddedChannel ch = new EmbeddedChannel(new WebSocketClientFrameDecoder(each, each, MAX));
            ch.writeInbound(Unpooled.wrappedBuffer(bytes, 0, split));
            ch.writeInbound(Unpooled.wrappedBuffer(bytes, split, bytes.length - split));
            assertThat(each.texts).as("split at byte %d", split).containsExactly("y".repeat(130), "short");
            assertThat(ch.finishAndReleaseAll()).isFalse();
        }
        Messages byByte = new Messages();
        EmbeddedChannel ch = new EmbeddedChannel(new WebSocketClientFrameDecoder(byByte, byByte, MAX));
        for (byte b : bytes) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(byByte.texts).containsExactly("y".repeat(130), "short");
    }

    @Test
    void theReceiveTimeIsReadWhenTheLastByteArrived() {
        ByteBuf wire = serverFrames(new TextWebSocketFrame("late"));
        channel.writeInbound(wire.readRetainedSlice(wire.readableBytes() - 1));
        long beforeLastByte = System.nanoTime();
        channel.writeInbound(wire);

        assertThat(messages.receivedNanos).singleElement().satisfies(t -> assertThat(t).isGreaterThanOrEqualTo(beforeLastByte));
    }

    @Test
    void textThatIsNotAsciiIsDecodedAsUtf8() {
        channel.writeInbound(serverFrames(new TextWebSocketFrame("日本 😀")));
        assertThat(messages.texts).containsExactly("日本 😀");
    }

    @Test
    void aFragmentedMessageGoesDownThePipelineForTheAggregator() {
        EmbeddedChannel ch = new EmbeddedChannel(new WebSocketClientFrameDecoder(messages, messages, MAX),
                new WebSocketFrameAggregator(MAX));

        ch.writeInbound(serverFrames(new TextWebSocketFrame(false, 0, "one "),
                new PingWebSocketFrame(Unpooled.copiedBuffer("p", StandardCharsets.US_ASCII)),
                new ContinuationWebSocketFrame(false, 0, "two "), new ContinuationWebSocketFrame(true, 0, "three"),
                new TextWebSocketFrame("after")));

        assertThat(messages.texts).containsExactly("after");
        PingWebSocketFrame ping = ch.readInbound();
        assertThat(ping.content().toString(StandardCharsets.US_ASCII)).isEqualTo("p");
        ping.release();
        TextWebSocketFrame joined = ch.readInbound();
        assertThat(joined.text()).isEqualTo("one two three");
        joined.release();
    }

    @Test
    void controlFramesGoDownThePipelineInOrderAndABinaryMessageIsDelivered() {
        channel.writeInbound(serverFrames(new PongWebSocketFrame(Unpooled.copyLong(42)),
                new BinaryWebSocketFrame(Unpooled.copiedBuffer("pb1:1:2:0;", StandardCharsets.US_ASCII)),
                new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE, "bye")));

        List<WebSocketFrame> frames = readAll(channel);
        assertThat(frames).extracting(f -> f.getClass().getSimpleName())
                .containsExactly("PongWebSocketFrame", "CloseWebSocketFrame");
        assertThat(frames.get(0).content().getLong(0)).isEqualTo(42);
        assertThat(((CloseWebSocketFrame) frames.get(1)).statusCode()).isEqualTo(1000);
        assertThat(((CloseWebSocketFrame) frames.get(1)).reasonText()).isEqualTo("bye");
        frames.forEach(WebSocketFrame::release);
        assertThat(messages.texts).containsExactly("pb1:1:2:0;");
    }

    @Test
    void aMaskedFrameFailsTheConnection() {
        ByteBuf masked = encode(new WebSocket13FrameEncoder(true), new TextWebSocketFrame("masked"));
        assertViolation(masked, WebSocketCloseStatus.PROTOCOL_ERROR, "masked");
    }

    @Test
    void rsvBitsFailTheConnection() {
        assertViolation(serverFrames(new TextWebSocketFrame(true, 4, "compressed?")), WebSocketCloseStatus.PROTOCOL_ERROR,
                "RSV");
    }

    @Test
    void aReservedOpcodeFailsTheConnection() {
        assertViolation(Unpooled.wrappedBuffer(new byte[] {(byte) 0x83, 0}), WebSocketCloseStatus.PROTOCOL_ERROR,
                "reserved opcode 3");
    }

    @Test
    void aControlFrameFragmentedOrTooLongFailsTheConnection() {
        assertViolation(Unpooled.wrappedBuffer(new byte[] {(byte) 0x09, 0}), WebSocketCloseStatus.PROTOCOL_ERROR,
                "control frame");
        EmbeddedChannel ch = new EmbeddedChannel(new WebSocketClientFrameDecoder(messages, messages, MAX));
        ByteBuf tooLong = Unpooled.buffer().writeByte(0x89).writeByte(126).writeShort(126).writeZero(126);
        CorruptedWebSocketFrameException e = catchThrowableOfType(CorruptedWebSocketFrameException.class,
                () -> ch.writeInbound(tooLong));
        assertThat(e.getMessage()).contains("longer than 125");
    }

    @Test
    void aContinuationWithNoMessageBegunFailsTheConnection() {
        assertViolation(serverFrames(new ContinuationWebSocketFrame(true, 0, "stray")),
                WebSocketCloseStatus.PROTOCOL_ERROR, "no message begun");
    }

    @Test
    void aNewMessageInsideAFragmentedOneFailsTheConnection() {
        assertViolation(serverFrames(new TextWebSocketFrame(false, 0, "one"), new TextWebSocketFrame("two")),
                WebSocketCloseStatus.PROTOCOL_ERROR, "before the fragmented one ended");
    }

    @Test
    void aCloseFrameWithAOneByteBodyOrAnInvalidStatusFailsTheConnection() {
        assertViolation(Unpooled.wrappedBuffer(new byte[] {(byte) 0x88, 1, 3}), WebSocketCloseStatus.PROTOCOL_ERROR,
                "one-byte body");
        EmbeddedChannel ch = new EmbeddedChannel(new WebSocketClientFrameDecoder(messages, messages, MAX));
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xEC})))
                .isInstanceOf(CorruptedWebSocketFrameException.class).hasMessageContaining("invalid status code 1004");
    }

    @Test
    void aPayloadOverTheLimitFailsTheConnectionAsTooBig() {
        EmbeddedChannel ch = new EmbeddedChannel(new WebSocketClientFrameDecoder(messages, messages, 100));
        CorruptedWebSocketFrameException e = catchThrowableOfType(CorruptedWebSocketFrameException.class,
                () -> ch.writeInbound(serverFrames(new TextWebSocketFrame("z".repeat(101)))));
        assertThat(e.closeStatus()).isEqualTo(WebSocketCloseStatus.MESSAGE_TOO_BIG);
    }

    @Test
    void afterAViolationNothingMoreIsRead() {
        assertViolation(Unpooled.wrappedBuffer(new byte[] {(byte) 0x83, 0}), WebSocketCloseStatus.PROTOCOL_ERROR, "");
        EmbeddedChannel fresh = new EmbeddedChannel(new WebSocketClientFrameDecoder(messages, messages, MAX));
        ByteBuf wire = Unpooled.buffer().writeBytes(new byte[] {(byte) 0x83, 0})
                .writeBytes(serverFrames(new TextWebSocketFrame("ignored")));
        assertThatThrownBy(() -> fresh.writeInbound(wire)).isInstanceOf(CorruptedWebSocketFrameException.class);
        assertThat(messages.texts).isEmpty();
    }

    /** Asserts the bytes fail the connection: the exception, a close frame with the status written, the channel closed. */
    private void assertViolation(ByteBuf wire, WebSocketCloseStatus status, String reason) {
        EmbeddedChannel ch = new EmbeddedChannel(new WebSocket13FrameEncoder(true),
                new WebSocketClientFrameDecoder(messages, messages, MAX));
        CorruptedWebSocketFrameException e = catchThrowableOfType(CorruptedWebSocketFrameException.class,
                () -> ch.writeInbound(wire));
        assertThat(e).isNotNull();
        assertThat(e.closeStatus()).isEqualTo(status);
        assertThat(e.getMessage()).contains(reason);
        ByteBuf close = ch.readOutbound();
        assertThat(close).as("a close frame was written").isNotNull();
        assertThat(close.getUnsignedByte(0) & 0x0F).isEqualTo(0x8);
        close.release();
        assertThat(ch.isOpen()).isFalse();
    }

    /** The frames as a server writes them: unmasked, by Netty's encoder. */
    private static ByteBuf serverFrames(WebSocketFrame... frames) {
        return encode(new WebSocket13FrameEncoder(false), frames);
    }

    private static ByteBuf encode(WebSocket13FrameEncoder encoder, WebSocketFrame... frames) {
        EmbeddedChannel ch = new EmbeddedChannel(encoder);
        ByteBuf wire = Unpooled.buffer();
        for (WebSocketFrame frame : frames) {
            ch.writeOutbound(frame);
            ByteBuf part;
            while ((part = ch.readOutbound()) != null) {
                wire.writeBytes(part);
                part.release();
            }
        }
        return wire;
    }

    private static List<WebSocketFrame> readAll(EmbeddedChannel ch) {
        List<WebSocketFrame> frames = new ArrayList<>();
        WebSocketFrame frame;
        while ((frame = ch.readInbound()) != null) {
            frames.add(frame);
        }
        return frames;
    }

    /** The listener, keeping each text (a view valid during the call) as a string. */
    private static final class Messages implements ConnectionListener, PushConnection {
        final List<String> texts = new ArrayList<>();
        final List<Long> receivedNanos = new ArrayList<>();

        @Override
        public void onMessage(PushConnection connection, CharSequence payload, long receivedNanos) {
            texts.add(payload.toString());
            this.receivedNanos.add(receivedNanos);
        }

        @Override
        public int id() {
            return 0;
        }

        @Override
        public CompletableFuture<Void> send(String message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
