package io.pushbench.core.driver.longpoll;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpClientCodec;

/**
 * The long-polling part of a TCP connection's pipeline, in the order bytes come up: HTTP/1.1,
 * then the {@link PollAnswerHandler}, which reads each answer whole (a batch is read at once, up to
 * {@link NettyLongPollingDriver#MAX_RESPONSE_BYTES}).
 */
final class LongPollClientInitializer extends ChannelInitializer<Channel> {

    private final PollAnswerHandler answers;

    LongPollClientInitializer(PollAnswerHandler answers) {
        this.answers = answers;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline().addLast(new HttpClientCodec(), answers);
    }
}
