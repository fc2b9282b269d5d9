package io.pushbench.core.driver.longpoll;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.pushbench.core.transport.PollBatchFormat;

/**
 * The last handler of one TCP connection of a {@link NettyPoller}: sends the first poll once
 * connected, and hands the poller each whole answer, every message of its batch with the answer's
 * receive time, and the connection's end. One per TCP connection.
 */
final class PollAnswerHandler extends SimpleChannelInboundHandler<FullHttpResponse>
        implements PollBatchFormat.LineHandler {

    private final NettyPoller poller;
    private boolean serverSaidClose;
    private long receivedNanos;

    PollAnswerHandler(NettyPoller poller) {
        this.poller = poller;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        poller.poll(ctx.channel());
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
        receivedNanos = System.nanoTime();
        serverSaidClose = !HttpUtil.isKeepAlive(response);
        poller.answered(ctx.channel(), response.status().code(), response.headers()::get, response.content(),
                !serverSaidClose, this);
    }

    @Override
    public void onMessage(long id, CharSequence text) {
        poller.message(text, receivedNanos);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        super.channelInactive(ctx);
        poller.channelClosed(serverSaidClose);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            poller.tooLarge(cause);
        } else {
            poller.failed(cause);
        }
        ctx.close();
    }
}
