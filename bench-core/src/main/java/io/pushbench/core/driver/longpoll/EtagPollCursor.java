package io.pushbench.core.driver.longpoll;

import io.netty.buffer.ByteBuf;
import io.pushbench.core.transport.PollBatchFormat;

import java.net.URI;
import java.util.function.BiConsumer;

/**
 * Long polling that resumes by HTTP validators, the convention of the common pub/sub servers
 * (nchan among them): each poll carries the previous answer's {@code Last-Modified} as
 * {@code If-Modified-Since} and its {@code Etag} as {@code If-None-Match}; the first carries
 * neither, and the server holds it until its next message. A 200 answer's body is the server's
 * own, scanned for envelopes ({@link PollCursor#deliverEnvelopes}); it must carry at least one of
 * the two headers. Not thread-safe (see {@link PollCursor}).
 */
final class EtagPollCursor extends PollCursor {

    static final String LAST_MODIFIED = "Last-Modified";
    static final String ETAG = "Etag";

    private String lastModified;
    private String etag;

    EtagPollCursor(URI base) {
        super(base);
    }

    @Override
    public boolean hasCursor() {
        return true;
    }

    @Override
    public URI next() {
        return base;
    }

    @Override
    public void headers(BiConsumer<String, String> into) {
        if (lastModified != null) {
            into.accept("If-Modified-Since", lastModified);
        }
        if (etag != null) {
            into.accept("If-None-Match", etag);
        }
    }

    @Override
    protected void read(Headers headers, ByteBuf body, PollBatchFormat.LineHandler handler) {
        String modified = headers.get(LAST_MODIFIED);
        String tag = headers.get(ETAG);
        if (modified == null && tag == null) {
            throw malformed("neither Last-Modified nor Etag in a 200 answer, which --poll-cursor etag resumes by", null);
        }
        lastModified = modified;
        etag = tag;
        deliverEnvelopes(body, handler);
    }
}
