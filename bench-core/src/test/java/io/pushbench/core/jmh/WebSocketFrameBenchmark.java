package io.pushbench.core.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * The reference server's WebSocket path, at a small and a large payload: encoding a text frame as
 * the server sends it (unmasked), decoding a client's masked frame as the server receives it (the
 * decoder and UTF-8 validator its handshake installs, {@code WebSocketServerProtocolHandler}'s
 * defaults), and decoding the server's frame as our Netty driver receives it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WebSocketFrameBenchmark {

    @Param({"64", "16384"})
    public int payloadBytes;

    private EmbeddedChannel encoder;
    private EmbeddedChannel decoder;
    private EmbeddedChannel serverDecoder;
    private ByteBuf payload;
    private ByteBuf wire;
    private ByteBuf clientWire;

    @Setup
    public void setUp() {
        encoder = new EmbeddedChannel(new WebSocket13FrameEncoder(false));
        decoder = new EmbeddedChannel(new WebSocket13FrameDecoder(false, false, 1 << 20));
        payload = Unpooled.directBuffer(payloadBytes).writeZero(payloadBytes);
        serverDecoder = new EmbeddedChannel(new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(true).maxFramePayloadLength(1 << 20).build()), new Utf8FrameValidator());
        wire = encodeOnce(encoder);
        EmbeddedChannel clientEncoder = new EmbeddedChannel(new WebSocket13FrameEncoder(true));
        clientWire = encodeOnce(clientEncoder);
        clientEncoder.finishAndReleaseAll();
    }

    private ByteBuf encodeOnce(EmbeddedChannel channel) {
        channel.writeOutbound(new TextWebSocketFrame(payload.retainedDuplicate()));
        ByteBuf out = Unpooled.directBuffer();
        ByteBuf part;
        while ((part = channel.readOutbound()) != null) {
            out.writeBytes(part);
            part.release();
        }
        return out;
    }

    @TearDown
    public void tearDown() {
        payload.release();
        wire.release();
        clientWire.release();
        encoder.finishAndReleaseAll();
        decoder.finishAndReleaseAll();
        serverDecoder.finishAndReleaseAll();
    }

    @Benchmark
    public int encodeServerFrame() {
        encoder.writeOutbound(new TextWebSocketFrame(payload.retainedDuplicate()));
        int bytes = 0;
        ByteBuf part;
        while ((part = encoder.readOutbound()) != null) {
            bytes += part.readableBytes();
            part.release();
        }
        return bytes;
    }

    @Benchmark
    public int decodeClientFrame() {
        return decode(serverDecoder, clientWire);
    }

    @Benchmark
    public int decodeServerFrame() {
        return decode(decoder, wire);
    }

    private int decode(EmbeddedChannel channel, ByteBuf frameBytes) {
        channel.writeInbound(frameBytes.retainedDuplicate());
        WebSocketFrame frame = channel.readInbound();
        int bytes = frame.content().readableBytes();
        frame.release();
        return bytes;
    }
}
