package io.pushbench.core.driver.ssehttp2;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http2.DefaultHttp2Connection;
import io.netty.handler.codec.http2.DefaultHttp2ConnectionDecoder;
import io.netty.handler.codec.http2.DefaultHttp2ConnectionEncoder;
import io.netty.handler.codec.http2.DefaultHttp2FrameWriter;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2LocalFlowController;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2Stream;

/**
 * The client end of one HTTP/2 connection: Netty's HTTP/2 connection handler (framing, HPACK,
 * stream states, flow control, SETTINGS, PING and GOAWAY), with each frame of a stream handed
 * straight to that stream's {@link Http2StreamEvents} on the event loop.
 *
 * <p>Why not Netty's frame codec and multiplexer: they make a frame object for every frame and run
 * it through a channel pipeline of its own per stream. An event stream is a DATA frame per event,
 * so that was garbage and work for every message received. Here a DATA frame reaches its stream as
 * a view of the read buffer ({@link InPlaceDataFrameReader}), through one lookup of the stream by
 * id: receiving an event allocates nothing. What each stream has read is returned to the flow
 * controller as it is read, which sends the WINDOW_UPDATEs.
 *
 * <table>
 *   <caption>HTTP/2 settings the client announces</caption>
 *   <tr><th>setting</th><th>value</th><th>why</th></tr>
 *   <tr><td>SETTINGS_INITIAL_WINDOW_SIZE</td><td>{@value #INITIAL_WINDOW_BYTES}</td><td>a stream can take a
 *       burst of events without waiting for a WINDOW_UPDATE round trip; the connection window is raised to
 *       twice that once the server's SETTINGS arrived</td></tr>
 *   <tr><td>SETTINGS_ENABLE_PUSH</td><td>0</td><td>server push is not an event stream</td></tr>
 * </table>
 *
 * <p>Not thread-safe: everything but {@link Http2ClientStream#cancel()} runs on the connection's event loop.
 */
public final class Http2ClientHandler extends Http2ConnectionHandler {

    /** Receive window per stream, bytes. */
    public static final int INITIAL_WINDOW_BYTES = 1024 * 1024;

    /** What the connection as a whole hears, on its event loop. */
    public interface ConnectionEvents {
        /**
         * The server's SETTINGS arrived and were applied.
         *
         * @param maxStreams the streams this client may have open at once: the server's
         *                   SETTINGS_MAX_CONCURRENT_STREAMS as the handler enforces it, {@link Integer#MAX_VALUE} without one
         */
        void settingsRead(int maxStreams);

        /** The server sent GOAWAY: no new streams; those it accepted go on. */
        void goAwayRead(Http2Error error);

        /** The connection failed with {@code cause}; it is being closed. */
        void connectionError(Throwable cause);
    }

    private final ConnectionEvents events;
    private final Http2Connection.PropertyKey streamEvents;
    private ChannelHandlerContext ctx;
    private boolean windowRaised;

    private Http2ClientHandler(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder, ConnectionEvents events) {
        super(decoder, encoder, Http2Settings.defaultSettings().initialWindowSize(INITIAL_WINDOW_BYTES).pushEnabled(false));
        this.events = events;
        this.streamEvents = connection().newKey();
        decoder.frameListener(new Frames());
        connection().addListener(new Http2ConnectionAdapter() {
            @Override
            public void onStreamClosed(Http2Stream stream) {
                Http2StreamEvents closed = stream.removeProperty(streamEvents);
                if (closed != null) {
                    closed.closed();
                }
            }
        });
    }

    /** A handler for a new client connection, telling {@code events} what happens to it. */
    public static Http2ClientHandler create(ConnectionEvents events) {
        Http2Connection connection = new DefaultHttp2Connection(false);
        Http2ConnectionEncoder encoder = new DefaultHttp2ConnectionEncoder(connection, new DefaultHttp2FrameWriter());
        Http2ConnectionDecoder decoder = new DefaultHttp2ConnectionDecoder(connection, encoder, new InPlaceDataFrameReader());
        return new Http2ClientHandler(decoder, encoder, events);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        super.handlerAdded(ctx);
    }

    /**
     * Opens a stream for {@code stream} and tells it {@link Http2StreamEvents#opened}, on the event loop.
     *
     * @throws Http2Exception if the connection takes no new stream (at the server's limit, after GOAWAY)
     */
    public Http2ClientStream open(Http2StreamEvents stream) throws Http2Exception {
        Http2Connection.Endpoint<?> local = connection().local();
        Http2Stream created = local.createStream(local.incrementAndGetNextStreamId(), false);
        created.setProperty(streamEvents, stream);
        Http2ClientStream opened = new Http2ClientStream(this, created.id());
        stream.opened(opened);
        return opened;
    }

    EventLoop eventLoop() {
        return ctx.channel().eventLoop();
    }

    ByteBufAllocator alloc() {
        return ctx.alloc();
    }

    ChannelFuture writeHeaders(int streamId, Http2Headers headers, boolean endStream) {
        ChannelFuture written = encoder().writeHeaders(ctx, streamId, headers, 0, endStream, ctx.newPromise());
        flush(ctx);
        return written;
    }

    ChannelFuture writeData(int streamId, ByteBuf data, boolean endStream) {
        ChannelFuture written = encoder().writeData(ctx, streamId, data, 0, endStream, ctx.newPromise());
        flush(ctx);
        return written;
    }

    /** Resets stream {@code streamId} with {@code error}, on the event loop, unless it has closed already. */
    void reset(int streamId, Http2Error error) {
        EventLoop loop = eventLoop();
        if (!loop.inEventLoop()) {
            if (!loop.isShuttingDown()) {
                loop.execute(() -> reset(streamId, error));
            }
            return;
        }
        if (connection().stream(streamId) != null) {
            resetStream(ctx, streamId, error.code(), ctx.newPromise());
            flush(ctx);
        }
    }

    private Http2StreamEvents eventsOf(int streamId) {
        Http2Stream stream = connection().stream(streamId);
        return stream == null ? null : stream.getProperty(streamEvents);
    }

    @Override
    protected void onConnectionError(ChannelHandlerContext ctx, boolean outbound, Throwable cause, Http2Exception http2Ex) {
        events.connectionError(cause);
        super.onConnectionError(ctx, outbound, cause, http2Ex);
    }

    @Override
    protected void onStreamError(ChannelHandlerContext ctx, boolean outbound, Throwable cause,
                                 Http2Exception.StreamException http2Ex) {
        Http2StreamEvents failed = eventsOf(http2Ex.streamId());
        if (failed != null) {
            failed.failed(cause);
        }
        super.onStreamError(ctx, outbound, cause, http2Ex);
    }

    /** Hands each frame of a stream to its events, and the connection's SETTINGS and GOAWAY to the connection's. */
    private final class Frames extends Http2FrameAdapter {
        @Override
        public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding, boolean endOfStream) {
            int processed = data.readableBytes() + padding;
            Http2StreamEvents stream = eventsOf(streamId);
            if (stream != null) {
                stream.dataRead(data, endOfStream);
            }
            return processed;
        }

        @Override
        public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int padding,
                                  boolean endOfStream) {
            Http2StreamEvents stream = eventsOf(streamId);
            if (stream != null) {
                stream.headersRead(headers, endOfStream);
            }
        }

        @Override
        public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int streamDependency,
                                  short weight, boolean exclusive, int padding, boolean endOfStream) {
            onHeadersRead(ctx, streamId, headers, padding, endOfStream);
        }

        @Override
        public void onRstStreamRead(ChannelHandlerContext ctx, int streamId, long errorCode) {
            Http2StreamEvents stream = eventsOf(streamId);
            if (stream != null) {
                Http2Error error = Http2Error.valueOf(errorCode);
                stream.resetByServer(error != null ? error : Http2Error.INTERNAL_ERROR);
            }
        }

        @Override
        public void onSettingsRead(ChannelHandlerContext ctx, Http2Settings settings) throws Http2Exception {
            if (!windowRaised) {
                windowRaised = true;
                Http2Stream whole = connection().connectionStream();
                Http2LocalFlowController flow = connection().local().flowController();
                int more = 2 * INITIAL_WINDOW_BYTES - flow.windowSize(whole);
                if (more > 0) {
                    flow.incrementWindowSize(whole, more);
                }
            }
            events.settingsRead(connection().local().maxActiveStreams());
        }

        @Override
        public void onGoAwayRead(ChannelHandlerContext ctx, int lastStreamId, long errorCode, ByteBuf debugData) {
            Http2Error error = Http2Error.valueOf(errorCode);
            events.goAwayRead(error != null ? error : Http2Error.INTERNAL_ERROR);
        }
    }
}
