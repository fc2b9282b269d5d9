package io.pushbench.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.pushbench.server.sse.SseEndpoint;

/**
 * Installs HTTP above a connection's transport, once it is known which HTTP the client speaks:
 * {@link #http1} for HTTP/1.1 (and the WebSocket upgrade), {@link #http2} for HTTP/2. Both end in
 * the same {@link HttpRouter}: over HTTP/2 each stream gets a pipeline of its own that turns its
 * frames into HTTP/1.1-style messages, so every endpoint (the event stream included) is written
 * once and served over both versions, one subscriber per HTTP/2 stream.
 *
 * <table>
 *   <caption>HTTP/2 settings the server announces</caption>
 *   <tr><th>setting</th><th>value</th><th>why</th></tr>
 *   <tr><td>SETTINGS_MAX_CONCURRENT_STREAMS</td><td>{@value #MAX_CONCURRENT_STREAMS}</td><td>high, so that a run
 *       with every subscriber on one connection (the driver default) is not refused; RFC 9113 asks for at least
 *       100</td></tr>
 *   <tr><td>SETTINGS_INITIAL_WINDOW_SIZE</td><td>{@value #INITIAL_WINDOW_BYTES}</td><td>request bodies (echo,
 *       publish) arrive without waiting for WINDOW_UPDATE; the connection window is raised to match</td></tr>
 *   <tr><td>SETTINGS_MAX_HEADER_LIST_SIZE</td><td>the server's maxHeaderBytes</td><td>the same limit as
 *       HTTP/1.1's request line and headers</td></tr>
 *   <tr><td>SETTINGS_MAX_FRAME_SIZE</td><td>16384 (RFC default)</td><td>larger events span several DATA frames</td></tr>
 *   <tr><td>SETTINGS_ENABLE_PUSH</td><td>not used</td><td>the server never opens streams</td></tr>
 * </table>
 *
 * <p>Per stream, as for a connection: a request body up to the server's maxMessageBytes; an event
 * stream may queue up to the connection's write-buffer high-water mark (the server's
 * subscriberBufferBytes), counting what HTTP/2 flow control holds back, before broadcasts to it are
 * dropped and counted.
 *
 * <p>Thread-safe: one instance serves every connection of a server.
 */
final class HttpStacks {

    /** Streams one HTTP/2 connection may have open at once. */
    static final int MAX_CONCURRENT_STREAMS = 100_000;
    /** The per-stream receive window announced to HTTP/2 clients, bytes. */
    static final int INITIAL_WINDOW_BYTES = 1024 * 1024;

    private final ServerContext context;
    private final int maxHeaderBytes;
    private final Endpoints endpoints;
    private final ChannelHandler streamFrameCodec = new Http2StreamFrameToHttpObjectCodec(true);
    private final ChannelHandler streamInitializer = new ChannelInitializer<Http2StreamChannel>() {
        @Override
        protected void initChannel(Http2StreamChannel stream) {
            // A stream may queue as much as a connection: the same budget per subscriber on either version.
            stream.config().setWriteBufferWaterMark(stream.parent().config().getWriteBufferWaterMark());
            stream.pipeline().addLast(streamFrameCodec, new HttpObjectAggregator(context.maxMessageBytes()),
                    new HttpRouter(context, endpoints));
        }
    };
    private final ChannelHandler connectionErrors;

    /** @param maxHeaderBytes largest request line and headers (HTTP/1.1) or header list (HTTP/2), bytes */
    HttpStacks(ServerContext context, int maxHeaderBytes) {
        this.context = context;
        this.maxHeaderBytes = maxHeaderBytes;
        this.endpoints = Endpoints.of(context);
        this.connectionErrors = new ConnectionErrors(context.stats());
    }

    /** The event-stream endpoint (on both HTTP versions), for fault injection. */
    SseEndpoint sse() {
        return endpoints.sse();
    }

    /** HTTP/1.1: codec (with header limits: 414, 431), whole requests (with a body limit: 413), route by path. */
    void http1(ChannelPipeline p) {
        p.addLast(new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(maxHeaderBytes)
                .setMaxHeaderSize(maxHeaderBytes)));
        p.addLast(new HttpObjectAggregator(context.maxMessageBytes()));
        p.addLast(new HttpRouter(context, endpoints));
    }

    /** HTTP/2: frame codec, one child channel per stream (see the class comment), connection errors. */
    void http2(ChannelPipeline p) {
        Http2Settings settings = Http2Settings.defaultSettings()
                .maxConcurrentStreams(MAX_CONCURRENT_STREAMS)
                .initialWindowSize(INITIAL_WINDOW_BYTES)
                .maxHeaderListSize(maxHeaderBytes);
        // A batch of broadcasts ends with a flush of every stream of a connection (BroadcastFanOut);
        // without this each stream's flush would be a syscall of its own.
        p.addLast(new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
        p.addLast(Http2FrameCodecBuilder.forServer().initialSettings(settings).build());
        p.addLast(new Http2MultiplexHandler(streamInitializer));
        p.addLast(connectionErrors);
    }

    /**
     * Counts an error that reached the end of an HTTP/2 connection's pipeline and closes the
     * connection. Protocol errors were already answered with GOAWAY by the frame codec; stream
     * errors are handled in the stream's own pipeline.
     */
    @ChannelHandler.Sharable
    private static final class ConnectionErrors extends ChannelInboundHandlerAdapter {
        private final ServerStats stats;

        ConnectionErrors(ServerStats stats) {
            this.stats = stats;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            stats.error();
            ctx.close();
        }
    }
}
