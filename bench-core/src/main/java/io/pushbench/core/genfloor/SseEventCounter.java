package io.pushbench.core.genfloor;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ByteProcessor;
import io.netty.util.ReferenceCountUtil;

import java.util.concurrent.CompletableFuture;

/**
 * Counts the events of one {@code text/event-stream} (after Netty's HTTP/1.1 decoder took off
 * the chunking) straight from its bytes: an event is counted at the blank line that ends it when
 * it had a {@code data} field, as the WHATWG rules dispatch one (comments, {@code retry:} and
 * heartbeats are not). Lines end in CR, LF or CRLF. Nothing is decoded or kept: no field value,
 * no id, no allocation.
 *
 * <p>Not thread-safe: one per connection, on the floor's event loop.
 */
final class SseEventCounter extends FloorConnectionHandler implements ByteProcessor {

    private static final byte[] DATA = {'d', 'a', 't', 'a'};

    private final CompletableFuture<Void> opened;
    private HttpRequest request;
    private int lineLength;
    /** Whether the line so far starts as a {@code data} field: its name is "data", up to a colon or the end. */
    private boolean dataPrefix = true;
    private boolean colonAfterData;
    private boolean afterCr;
    private boolean eventHasData;

    /**
     * @param opened  completed once the server answered 200, failed otherwise
     * @param request the request that opens the stream, sent once connected
     */
    SseEventCounter(FloorCounts counts, CompletableFuture<Void> opened, HttpRequest request) {
        super(counts, "an event stream of the generator floor");
        this.opened = opened;
        this.request = request;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(request);
        request = null;
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpResponse response) {
                if (!response.status().equals(HttpResponseStatus.OK)) {
                    opened.completeExceptionally(new IllegalStateException("the event stream answered HTTP "
                            + response.status().code()));
                    ctx.close();
                    return;
                }
                opened.complete(null);
            }
            if (msg instanceof HttpContent content) {
                content.content().forEachByte(this);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public boolean process(byte b) {
        if (b == '\n' && afterCr) {
            afterCr = false;
            return true;
        }
        afterCr = b == '\r';
        if (b == '\r' || b == '\n') {
            endLine();
            return true;
        }
        if (lineLength < DATA.length) {
            dataPrefix &= b == DATA[lineLength];
        } else if (lineLength == DATA.length) {
            colonAfterData = b == ':';
        }
        lineLength++;
        return true;
    }

    private void endLine() {
        if (lineLength == 0) {
            if (eventHasData) {
                counts.received++;
                eventHasData = false;
            }
        } else if (dataPrefix && (lineLength == DATA.length || colonAfterData)) {
            eventHasData = true;
        }
        lineLength = 0;
        dataPrefix = true;
        colonAfterData = false;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        opened.completeExceptionally(new IllegalStateException("the server closed the event stream"));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        opened.completeExceptionally(cause);
        super.exceptionCaught(ctx, cause);
    }
}
