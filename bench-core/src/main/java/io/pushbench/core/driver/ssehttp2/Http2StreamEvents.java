package io.pushbench.core.driver.ssehttp2;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;

/**
 * What one HTTP/2 stream of an {@link Http2ClientHandler} hears, on the connection's event loop:
 * {@link #opened} first, {@link #closed} last and once, whatever ended the stream.
 */
public interface Http2StreamEvents {

    /** The stream exists: send the request on it. */
    void opened(Http2ClientStream stream);

    /** A HEADERS frame (with its CONTINUATIONs) arrived on the stream. */
    void headersRead(Http2Headers headers, boolean endStream);

    /**
     * A DATA frame arrived on the stream. {@code data} is only readable during the call (it may be
     * the connection's read buffer itself): read it, do not keep or release it.
     */
    void dataRead(ByteBuf data, boolean endStream);

    /** The server reset the stream (RST_STREAM); {@link #closed} follows. */
    void resetByServer(Http2Error error);

    /** This side found the stream broken (a malformed frame, say) and resets it; {@link #closed} follows. */
    void failed(Throwable cause);

    /** The stream is closed: both ends finished, it was reset, or its connection is gone. */
    void closed();
}
