package io.pushbench.core.driver.longpoll;

import io.netty.buffer.ByteBuf;
import io.pushbench.core.transport.PollBatchFormat;

import java.net.URI;
import java.util.function.BiConsumer;

/**
 * Long polling that resumes by a cursor the server names in a response header of the user's
 * choosing ({@code --poll-cursor header:NAME[,query:PARAM]}): the previous answer's header
 * {@code NAME} goes back as the request header {@code NAME}, or as the query parameter
 * {@code PARAM}. The first poll carries none, and the server holds it until its next message. A
 * 200 answer's body is the server's own, scanned for envelopes ({@link PollCursor#deliverEnvelopes});
 * it must carry the header. Not thread-safe (see {@link PollCursor}).
 */
final class HeaderPollCursor extends PollCursor {

    private final String header;
    private final String queryParam;
    private String value;

    /** @param queryParam where the value goes back, or null for the header {@code header} */
    HeaderPollCursor(URI base, String header, String queryParam) {
        super(base);
        this.header = header;
        this.queryParam = queryParam;
    }

    @Override
    public boolean hasCursor() {
        return true;
    }

    @Override
    public URI next() {
        return queryParam == null || value == null ? base : withParam(queryParam, value);
    }

    @Override
    public void headers(BiConsumer<String, String> into) {
        if (queryParam == null && value != null) {
            into.accept(header, value);
        }
    }

    @Override
    protected void read(Headers headers, ByteBuf body, PollBatchFormat.LineHandler handler) {
        String v = headers.get(header);
        if (v == null) {
            throw malformed("no " + header + " header in a 200 answer, which --poll-cursor header:" + header
                    + " resumes by", null);
        }
        value = v.trim();
        deliverEnvelopes(body, handler);
    }
}
