package io.pushbench.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.ReferenceCountUtil;
import io.pushbench.core.netty.NettyIo;
import io.pushbench.core.sse.SseParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;

import static io.pushbench.core.testing.Await.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP/2 flow control at the reference server: a stream whose client reads nothing (so sends no
 * WINDOW_UPDATE) has its broadcasts dropped and counted once its window and its buffer are full,
 * while another stream on the same TCP connection keeps receiving every message. The client is
 * Netty's HTTP/2 codec driven by hand, so that one stream can be made to stop reading.
 */
class SseHttp2FlowControlTest {

    /** The window each stream starts with: small, so the stream that never reads fills it at once. */
    private static final int INITIAL_WINDOW = 1024;
    /** Messages published before waiting for the reading stream to have them: ~5 KB, far below its buffer. */
    private static final int PACE = 50;

    private final EventLoopGroup group = NettyIo.newGroup("test-h2-client", 1);
    private ReferenceServer server;

    @AfterEach
    void stop() {
        NettyIo.shutdown(group);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aStreamThatReadsNothingIsDroppedWithoutStallingItsNeighbourOnTheConnection() throws Exception {
        server = ReferenceServer.builder().subscriberBufferBytes(64 * 1024).start();
        Channel connection = new Bootstrap().group(group).channel(NettyIo.socketChannel())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(Http2FrameCodecBuilder.forClient()
                                .initialSettings(Http2Settings.defaultSettings().initialWindowSize(INITIAL_WINDOW))
                                .build(), new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
                    }
                }).connect("127.0.0.1", server.port()).sync().channel();
        Http2StreamChannel stalled = new Http2StreamChannelBootstrap(connection)
                .handler(new ChannelInboundHandlerAdapter()).open().sync().getNow();
        stalled.config().setAutoRead(false);
        stalled.writeAndFlush(subscribe());
        Queue<String> received = new ConcurrentLinkedQueue<>();
        new Http2StreamChannelBootstrap(connection).handler(new Reader(received)).open().sync().getNow()
                .writeAndFlush(subscribe());
        awaitTrue(() -> server.stats().subscribers() == 2, "both streams reached the server");

        List<String> published = IntStream.range(0, 1000).mapToObj(i -> i + " " + "x".repeat(100)).toList();
        for (int i = 0; i < published.size(); i++) {
            server.hub().publish(published.get(i));
            if ((i + 1) % PACE == 0) {
                // Paced by the stream that reads, so that only the stream that reads nothing falls behind.
                int sent = i + 1;
                awaitTrue(() -> received.size() == sent, sent + " messages on the stream that reads");
            }
        }

        awaitTrue(() -> received.size() == published.size(), "every message on the stream that reads");
        assertThat(received).containsExactlyElementsOf(published);
        assertThat(server.stats().dropped()).as("messages dropped for the stream that reads nothing")
                .isPositive().isLessThan(published.size());
        assertThat(server.stats().acceptedConnections()).isEqualTo(1);
        assertThat(server.stats().errors()).isZero();
    }

    private DefaultHttp2HeadersFrame subscribe() {
        return new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().method("GET").scheme("http")
                .authority("127.0.0.1:" + server.port()).path(Paths.SSE).set("accept", "text/event-stream"), true);
    }

    /** Reads an event stream and opens its window wide, so the server may send it all it has. */
    private static final class Reader extends ChannelInboundHandlerAdapter implements SseParser.Listener {
        private final Queue<String> received;
        private final SseParser parser = new SseParser(this);

        Reader(Queue<String> received) {
            this.received = received;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2HeadersFrame) {
                    ctx.writeAndFlush(new DefaultHttp2WindowUpdateFrame(8 * 1024 * 1024));
                } else if (msg instanceof Http2DataFrame data) {
                    parser.feed(data.content(), System.nanoTime());
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void onEvent(CharSequence lastEventId, CharSequence type, CharSequence data, long receivedNanos) {
            received.add(data.toString());
        }
    }
}
