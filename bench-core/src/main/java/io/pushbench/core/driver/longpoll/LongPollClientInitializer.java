package io.pushbench.core.driver.longpoll;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpRequestEncoder;

/**
 * The long-polling part of a TCP connection's pipeline: Netty's encoder for the polls going out,
 * and the {@link PollAnswerHandler}, which reads each answer from the bytes, whole (a batch is read at once, up to
 * {@link NettyLongPollingDriver#MAX_RESPONSE_BYTES}).
 */
final class LongPollClientInitializer extends ChannelInitializer<Channel> {

    private final PollAnswerHandler answers;

    LongPollClientInitializer(PollAnswerHandler answers) {
        this.answers = answers;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline().addLast(new HttpRequestEncoder(), answers);
    }
}
