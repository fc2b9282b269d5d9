package io.pushbench.core.driver.longpoll;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;

/**
 * The long-polling part of a TCP connection's pipeline, in the order bytes come up: HTTP/1.1,
 * the aggregator that makes each answer whole (a batch is read at once, up to
 * {@link NettyLongPollingDriver#MAX_RESPONSE_BYTES}), then the {@link PollAnswerHandler}.
 */
final class LongPollClientInitializer extends ChannelInitializer<Channel> {

    private final PollAnswerHandler answers;

    LongPollClientInitializer(PollAnswerHandler answers) {
        this.answers = answers;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(NettyLongPollingDriver.MAX_RESPONSE_BYTES),
                answers);
    }
}
