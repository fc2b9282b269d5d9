package io.pushbench.core.driver.ssehttp2;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;

/**
 * One stream of an {@link Http2ClientHandler}, as its {@link Http2StreamEvents} sends on it. Writing
 * runs on the connection's event loop; {@link #cancel()} may be called from any thread.
 */
public final class Http2ClientStream {

    private final Http2ClientHandler connection;
    private final int id;

    Http2ClientStream(Http2ClientHandler connection, int id) {
        this.connection = connection;
        this.id = id;
    }

    /** The stream's id on its connection. */
    public int id() {
        return id;
    }

    /** The connection's event loop, where the stream's events arrive and its timers belong. */
    public EventLoop eventLoop() {
        return connection.eventLoop();
    }

    /** The connection's buffer allocator. */
    public ByteBufAllocator alloc() {
        return connection.alloc();
    }

    /** Writes and flushes a HEADERS frame; {@code endStream} ends this side of the stream. */
    public ChannelFuture writeHeaders(Http2Headers headers, boolean endStream) {
        return connection.writeHeaders(id, headers, endStream);
    }

    /** Writes and flushes a DATA frame of {@code data} (released when written); {@code endStream} ends this side. */
    public ChannelFuture writeData(ByteBuf data, boolean endStream) {
        return connection.writeData(id, data, endStream);
    }

    /** Cancels the stream (RST_STREAM CANCEL) unless it has closed already; the connection stays. Thread-safe. */
    public void cancel() {
        connection.reset(id, Http2Error.CANCEL);
    }
}
