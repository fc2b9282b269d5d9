package io.pushbench.core.driver.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * Hands each HTTP response on whole, its head and its body, after {@code HttpClientCodec}: what
 * {@code HttpObjectAggregator} does, without making a new message for every response. A body
 * that arrived in one piece (a poll answer usually does) is read where the decoder put it; one
 * that came in several is gathered into one buffer of the channel's allocator. The aggregator
 * made a composite buffer and a full response for every answer, the largest share of the garbage
 * a long-polling client made per message.
 *
 * <p>Not thread-safe: one per channel, used on its event loop.
 */
public abstract class WholeResponseReader extends ChannelInboundHandlerAdapter {

    private final int maxBodyBytes;
    private HttpResponse head;
    private ByteBuf gathered;

    /** @param maxBodyBytes the largest body read; a larger one is {@link #tooLarge} */
    protected WholeResponseReader(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * A whole response arrived. {@code body} is valid only during the call.
     *
     * @param head the status line and headers
     * @param body the whole body, its reader index at the start
     */
    protected abstract void response(ChannelHandlerContext ctx, HttpResponse head, ByteBuf body);

    /** The body grew beyond the limit; what was read of it is dropped. The default closes the channel. */
    protected void tooLarge(ChannelHandlerContext ctx, TooLongFrameException cause) {
        ctx.close();
    }

    /** The decoder could not read a response; the default passes the cause on as an exception. */
    protected void malformed(ChannelHandlerContext ctx, Throwable cause) {
        ctx.fireExceptionCaught(cause);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpObject object && object.decoderResult().isFailure()) {
                reset();
                malformed(ctx, object.decoderResult().cause());
                return;
            }
            if (msg instanceof HttpResponse response) {
                reset();
                head = response;
            }
            if (msg instanceof HttpContent content && head != null) {
                read(ctx, content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void read(ChannelHandlerContext ctx, HttpContent content) {
        ByteBuf piece = content.content();
        boolean last = content instanceof LastHttpContent;
        if (last && gathered == null) {
            HttpResponse response = head;
            head = null;
            response(ctx, response, piece);
            return;
        }
        if (piece.isReadable()) {
            int size = (gathered == null ? 0 : gathered.readableBytes()) + piece.readableBytes();
            if (size > maxBodyBytes) {
                reset();
                tooLarge(ctx, new TooLongFrameException("response body larger than " + maxBodyBytes + " bytes"));
                return;
            }
            if (gathered == null) {
                gathered = ctx.alloc().buffer(piece.readableBytes());
            }
            gathered.writeBytes(piece);
        }
        if (last) {
            HttpResponse response = head;
            ByteBuf body = gathered;
            head = null;
            gathered = null;
            try {
                response(ctx, response, body);
            } finally {
                body.release();
            }
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        reset();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        reset();
        super.channelInactive(ctx);
    }

    /** Drops a response that was being read. */
    private void reset() {
        head = null;
        if (gathered != null) {
            gathered.release();
            gathered = null;
        }
    }
}
