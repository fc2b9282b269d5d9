package io.pushbench.core.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
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
 * The reference server's WebSocket path: encoding a text frame as the server sends it
 * (unmasked) and decoding it as a client receives it, at a small and a large payload.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WebSocketFrameBenchmark {

    @Param({"64", "16384"})
    public int payloadBytes;

    private EmbeddedChannel encoder;
    private EmbeddedChannel decoder;
    private ByteBuf payload;
    private ByteBuf wire;

    @Setup
    public void setUp() {
        encoder = new EmbeddedChannel(new WebSocket13FrameEncoder(false));
        decoder = new EmbeddedChannel(new WebSocket13FrameDecoder(false, false, 1 << 20));
        payload = Unpooled.directBuffer(payloadBytes).writeZero(payloadBytes);
        encoder.writeOutbound(new TextWebSocketFrame(payload.retainedDuplicate()));
        wire = Unpooled.directBuffer();
        ByteBuf part;
        while ((part = encoder.readOutbound()) != null) {
            wire.writeBytes(part);
            part.release();
        }
    }

    @TearDown
    public void tearDown() {
        payload.release();
        wire.release();
        encoder.finishAndReleaseAll();
        decoder.finishAndReleaseAll();
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
    public int decodeFrame() {
        decoder.writeInbound(wire.retainedDuplicate());
        WebSocketFrame frame = decoder.readInbound();
        int bytes = frame.content().readableBytes();
        frame.release();
        return bytes;
    }
}
