package io.pushbench.core.genfloor;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.netty.NettyTls;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The generator floor's echo client: WebSocket connections that send one fixed text frame,
 * pre-encoded and pre-masked once ({@link RepeatedMessage}), and count the frames that come
 * back ({@link WebSocketFrameCounter}). Netty does the upgrade handshake; after it, its frame
 * encoder and decoder are taken out of the pipeline, so sending is writing bytes and receiving
 * is counting them. Each {@link #send} spreads the messages due over the connections in turn
 * and writes and flushes each connection once.
 *
 * <p>Not thread-safe: opened from any thread, then used on the floor's one event loop.
 */
final class BareWebSocketEchoClient implements FloorLoad {

    private final List<Channel> channels;
    private final RepeatedMessage frames;
    private final FloorCounts counts;
    private int next;

    private BareWebSocketEchoClient(List<Channel> channels, RepeatedMessage frames, FloorCounts counts) {
        this.channels = channels;
        this.frames = frames;
        this.counts = counts;
    }

    /**
     * Opens {@code connections} WebSocket connections to {@code target} and waits for their handshakes.
     *
     * @param payload the text every frame carries
     * @param burst   frames one connection usually sends at once
     * @throws IOException when a connection cannot be opened within {@link BareSockets#OPEN_TIMEOUT_SECONDS}
     */
    static BareWebSocketEchoClient open(EventLoopGroup group, Target target, NettyTls tls, int connections, byte[] payload,
                                        int burst, FloorCounts counts) throws IOException, InterruptedException {
        RepeatedMessage frames = new RepeatedMessage(maskedTextFrame(payload, ThreadLocalRandom.current().nextInt()),
                burst);
        List<Channel> channels = new ArrayList<>();
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        HttpHeaders headers = new DefaultHttpHeaders();
        target.headers().forEach(headers::add);
        for (int i = 0; i < connections; i++) {
            CompletableFuture<Void> handshaken = new CompletableFuture<>();
            WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(target.uri(),
                    WebSocketVersion.V13, null, false, headers);
            channels.add(BareSockets.connect(group, target, tls, new ChannelInitializer<>() {
                @Override
                protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024),
                            new Handshake(handshaker, handshaken, new WebSocketFrameCounter(counts)));
                }
            }, handshaken));
            ready.add(handshaken);
        }
        try {
            BareSockets.awaitReady(ready, target, "WebSocket connection");
        } catch (IOException | InterruptedException e) {
            channels.forEach(Channel::close);
            frames.release();
            throw e;
        }
        return new BareWebSocketEchoClient(channels, frames, counts);
    }

    /**
     * A final text frame carrying {@code payload}, masked with {@code mask} as a client must
     * (RFC 6455 section 5.3): the same bytes every time, so encoded once.
     */
    static byte[] maskedTextFrame(byte[] payload, int mask) {
        int length = payload.length;
        int lengthBytes = length < 126 ? 0 : length <= 0xFFFF ? 2 : 8;
        byte[] frame = new byte[2 + lengthBytes + 4 + length];
        frame[0] = (byte) 0x81;
        int at = 2;
        if (lengthBytes == 0) {
            frame[1] = (byte) (0x80 | length);
        } else if (lengthBytes == 2) {
            frame[1] = (byte) (0x80 | 126);
            frame[at++] = (byte) (length >>> 8);
            frame[at++] = (byte) length;
        } else {
            frame[1] = (byte) (0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame[at++] = (byte) ((long) length >>> shift);
            }
        }
        byte[] key = {(byte) (mask >>> 24), (byte) (mask >>> 16), (byte) (mask >>> 8), (byte) mask};
        System.arraycopy(key, 0, frame, at, 4);
        at += 4;
        for (int i = 0; i < length; i++) {
            frame[at + i] = (byte) (payload[i] ^ key[i & 3]);
        }
        return frame;
    }

    @Override
    public void send(int count, long nowNanos) {
        int n = channels.size();
        int each = count / n;
        int extra = count % n;
        for (int i = 0; i < n; i++) {
            int k = each + (i < extra ? 1 : 0);
            if (k > 0) {
                Channel channel = channels.get((next + i) % n);
                if (channel.isWritable()) {
                    frames.write(channel, k);
                    channel.flush();
                    counts.sent += k;
                } else {
                    counts.skipped += k;
                }
            }
        }
        next = (next + extra) % n;
    }

    @Override
    public void close() {
        channels.forEach(Channel::close);
        frames.release();
    }

    /**
     * Upgrades one connection, then leaves only the frame counter in its pipeline: Netty's frame
     * encoder and decoder, which the handshaker put there, are taken out again.
     */
    private static final class Handshake extends SimpleChannelInboundHandler<FullHttpResponse> {

        private final WebSocketClientHandshaker handshaker;
        private final CompletableFuture<Void> handshaken;
        private final WebSocketFrameCounter counter;

        Handshake(WebSocketClientHandshaker handshaker, CompletableFuture<Void> handshaken,
                  WebSocketFrameCounter counter) {
            this.handshaker = handshaker;
            this.handshaken = handshaken;
            this.counter = counter;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            handshaker.handshake(ctx.channel());
            super.channelActive(ctx);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            handshaker.finishHandshake(ctx.channel(), response);
            ChannelPipeline p = ctx.pipeline();
            for (String name : List.of("ws-encoder", "ws-decoder")) {
                if (p.get(name) != null) {
                    p.remove(name);
                }
            }
            p.addLast(counter);
            p.remove(this);
            handshaken.complete(null);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            handshaken.completeExceptionally(new IOException("connection closed during the WebSocket handshake"));
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            handshaken.completeExceptionally(cause);
            ctx.close();
        }
    }
}
