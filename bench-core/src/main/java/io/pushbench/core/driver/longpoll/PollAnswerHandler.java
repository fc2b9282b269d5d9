package io.pushbench.core.driver.longpoll;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.TooLongFrameException;
import io.pushbench.core.driver.netty.WholeResponseReader;
import io.pushbench.core.transport.PollBatchFormat;

/**
 * The last handler of one TCP connection of a {@link NettyPoller}: sends the first poll once
 * connected, and hands the poller each whole answer, every message of its batch with the answer's
 * receive time, and the connection's end. One per TCP connection.
 */
final class PollAnswerHandler extends WholeResponseReader implements PollBatchFormat.LineHandler, PollCursor.Headers {

    private final NettyPoller poller;
    /** The answer being handed over, whose headers this handler reads for the cursor. */
    private Response answer;
    private boolean serverSaidClose;
    private long receivedNanos;

    PollAnswerHandler(NettyPoller poller) {
        super(NettyLongPollingDriver.MAX_RESPONSE_BYTES);
        this.poller = poller;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        poller.poll(ctx.channel());
        super.channelActive(ctx);
    }

    @Override
    protected void response(ChannelHandlerContext ctx, Response response) {
        receivedNanos = System.nanoTime();
        serverSaidClose = !response.keepAlive();
        answer = response;
        try {
            poller.answered(ctx.channel(), response.status(), this, response.body(), !serverSaidClose, this);
        } finally {
            answer = null;
        }
    }

    @Override
    public String get(String name) {
        return answer.header(name);
    }

    /** Read where the header lies: no string for the last id of every answer. */
    @Override
    public long number(String name) {
        return answer.headerNumber(name, PollCursor.NOT_A_NUMBER);
    }

    @Override
    public void onMessage(long id, CharSequence text) {
        poller.message(text, receivedNanos);
    }

    @Override
    protected void tooLarge(ChannelHandlerContext ctx, TooLongFrameException cause) {
        poller.tooLarge(cause);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        super.channelInactive(ctx);
        poller.channelClosed(serverSaidClose);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        poller.failed(cause);
        ctx.close();
    }
}
