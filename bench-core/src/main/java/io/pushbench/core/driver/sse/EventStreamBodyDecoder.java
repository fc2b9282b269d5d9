package io.pushbench.core.driver.sse;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ByteProcessor;
import io.pushbench.core.sse.SseLimitException;
import io.pushbench.core.sse.SseParser;

import java.util.List;

/**
 * Reads the body of an HTTP/1.1 {@code text/event-stream} response once its headers have arrived,
 * in place of {@link HttpClientCodec}'s decoder, and feeds the event bytes straight from the read
 * buffer to an {@link SseParser}: no content object, no buffer slice, nothing allocated per read.
 * {@link #replaceHttpDecoder} puts it in the pipeline; bytes the HTTP decoder had already read
 * after the headers come on to it.
 *
 * <table>
 *   <caption>Body framing (RFC 9112 section 6), as the response's headers say</caption>
 *   <tr><th>headers</th><th>body</th><th>end</th></tr>
 *   <tr><td>{@code Transfer-Encoding: chunked}</td><td>{@code size[;ext] CRLF data CRLF}, repeated; chunk
 *       extensions ignored</td><td>the zero-size chunk and its trailer section</td></tr>
 *   <tr><td>{@code Content-Length: n}</td><td>n bytes</td><td>after n bytes</td></tr>
 *   <tr><td>neither</td><td>everything</td><td>the connection closing</td></tr>
 * </table>
 *
 * A chunk-size line or a trailer line longer than {@value #MAX_LINE_BYTES} bytes, a size that is
 * not hexadecimal, or data not followed by CRLF fails the body ({@link Events#failed}); so does an
 * event larger than the parser's limit. The receive time is read when a read reaches this decoder,
 * and passed to every event that read completes.
 *
 * <p>Not thread-safe: one per connection, on its event loop.
 */
public final class EventStreamBodyDecoder extends ByteToMessageDecoder {

    /** Longest chunk-size line or trailer line, bytes. */
    public static final int MAX_LINE_BYTES = 4096;
    /** The name this decoder has in the pipeline. */
    public static final String NAME = "event-stream-body";

    /** What becomes of the body. Called on the connection's event loop. */
    public interface Events {

        /** The body ended as its framing says (not by the connection closing); the connection is not closed. */
        void ended(ChannelHandlerContext ctx);

        /** The body broke its framing, or held an event over the parser's limit; nothing more is read. */
        void failed(ChannelHandlerContext ctx, String reason, Throwable cause);
    }

    private enum State { CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER, FIXED_LENGTH, UNTIL_CLOSE, DONE }

    private final SseParser parser;
    private final Events events;
    private State state;
    /** Bytes left of the current chunk, or of a fixed-length body. */
    private long remaining;
    private long receivedNanos;

    /**
     * @param response the response whose body follows: its headers give the framing
     * @param parser   what the event bytes are fed to
     * @param events   told when the body ends or fails
     */
    public EventStreamBodyDecoder(HttpResponse response, SseParser parser, Events events) {
        this.parser = parser;
        this.events = events;
        if (HttpUtil.isTransferEncodingChunked(response)) {
            state = State.CHUNK_SIZE;
        } else if (HttpUtil.isContentLengthSet(response)) {
            remaining = HttpUtil.getContentLength(response);
            state = remaining > 0 ? State.FIXED_LENGTH : State.DONE;
        } else {
            state = State.UNTIL_CLOSE;
        }
    }

    /**
     * Called with the context of the handler that received {@code response} from
     * {@link HttpClientCodec}: puts a decoder for its body right after the codec and removes the
     * codec's decoder, whose unread bytes then come on to the new one. The codec's encoder stays.
     *
     * @return the decoder, which reports {@link Events#ended} at once for an empty fixed-length body
     */
    public static EventStreamBodyDecoder replaceHttpDecoder(ChannelHandlerContext ctx, HttpResponse response,
                                                            SseParser parser, Events events) {
        ChannelPipeline pipeline = ctx.pipeline();
        EventStreamBodyDecoder decoder = new EventStreamBodyDecoder(response, parser, events);
        boolean empty = decoder.state == State.DONE;
        pipeline.addAfter(pipeline.context(HttpClientCodec.class).name(), NAME, decoder);
        pipeline.get(HttpClientCodec.class).removeInboundHandler();
        if (empty) {
            events.ended(ctx);
        }
        return decoder;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        receivedNanos = System.nanoTime();
        super.channelRead(ctx, msg);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        try {
            while (in.isReadable() && step(ctx, in)) {
                // Each step consumes what it can; false means it waits for more bytes.
            }
        } catch (SseLimitException e) {
            fail(ctx, in, e.getMessage(), e);
        }
    }

    /** Reads as far as the current state allows; returns whether to go on. */
    private boolean step(ChannelHandlerContext ctx, ByteBuf in) {
        switch (state) {
            case CHUNK_SIZE -> {
                int lf = lineEnd(ctx, in, "chunk-size");
                if (lf < 0) {
                    return false;
                }
                long size = chunkSize(in, in.readerIndex(), lf);
                if (size < 0) {
                    return fail(ctx, in, "malformed chunk size '" + line(in, lf) + "'", null);
                }
                in.readerIndex(lf + 1);
                remaining = size;
                state = size == 0 ? State.TRAILER : State.CHUNK_DATA;
            }
            case CHUNK_DATA, FIXED_LENGTH -> {
                int n = (int) Math.min(remaining, in.readableBytes());
                parser.feed(in, in.readerIndex(), n, receivedNanos);
                in.skipBytes(n);
                remaining -= n;
                if (remaining == 0) {
                    state = state == State.CHUNK_DATA ? State.CHUNK_END : State.DONE;
                    if (state == State.DONE) {
                        events.ended(ctx);
                    }
                }
            }
            case CHUNK_END -> {
                if (in.readableBytes() < 2) {
                    return false;
                }
                if (in.getByte(in.readerIndex()) != '\r' || in.getByte(in.readerIndex() + 1) != '\n') {
                    return fail(ctx, in, "chunk data not followed by CRLF", null);
                }
                in.skipBytes(2);
                state = State.CHUNK_SIZE;
            }
            case TRAILER -> {
                int lf = lineEnd(ctx, in, "trailer");
                if (lf < 0) {
                    return false;
                }
                boolean empty = lf == in.readerIndex() || lf == in.readerIndex() + 1 && in.getByte(lf - 1) == '\r';
                in.readerIndex(lf + 1);
                if (empty) {
                    state = State.DONE;
                    events.ended(ctx);
                }
            }
            case UNTIL_CLOSE -> {
                parser.feed(in, in.readerIndex(), in.readableBytes(), receivedNanos);
                in.skipBytes(in.readableBytes());
            }
            case DONE -> in.skipBytes(in.readableBytes());
        }
        return state != State.DONE || in.isReadable();
    }

    /** Where the line at the reader index ends (its LF), -1 while it has not all arrived; fails a line too long. */
    private int lineEnd(ChannelHandlerContext ctx, ByteBuf in, String what) {
        int lf = in.forEachByte(in.readerIndex(), Math.min(in.readableBytes(), MAX_LINE_BYTES + 1), ByteProcessor.FIND_LF);
        if (lf < 0 && in.readableBytes() > MAX_LINE_BYTES) {
            fail(ctx, in, what + " line longer than " + MAX_LINE_BYTES + " bytes", null);
        }
        return lf;
    }

    /** The hexadecimal size before an optional {@code ;extension} and the line's CR, or -1 when malformed. */
    private static long chunkSize(ByteBuf in, int from, int lf) {
        long size = 0;
        int digits = 0;
        for (int i = from; i < lf; i++) {
            int c = in.getByte(i);
            int digit = Character.digit(c, 16);
            if (digit >= 0 && digits < 15) {
                size = size * 16 + digit;
                digits++;
            } else if (c == ';' || c == ' ' || c == '\t' || c == '\r' && i == lf - 1) {
                break;
            } else {
                return -1;
            }
        }
        return digits == 0 ? -1 : size;
    }

    private static String line(ByteBuf in, int lf) {
        return in.toString(in.readerIndex(), lf - in.readerIndex(), java.nio.charset.StandardCharsets.US_ASCII).trim();
    }

    private boolean fail(ChannelHandlerContext ctx, ByteBuf in, String reason, Throwable cause) {
        state = State.DONE;
        in.skipBytes(in.readableBytes());
        events.failed(ctx, reason, cause);
        return false;
    }
}
