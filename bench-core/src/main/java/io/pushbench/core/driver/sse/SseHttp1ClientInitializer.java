package io.pushbench.core.driver.sse;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpClientCodec;

/**
 * The SSE part of a TCP connection's pipeline, in the order bytes come up: HTTP/1.1 (the body in
 * chunks as they arrive, not aggregated: a stream never ends on its own), then the
 * {@link SseResponseHandler}.
 */
final class SseHttp1ClientInitializer extends ChannelInitializer<Channel> {

    private final SseResponseHandler response;

    SseHttp1ClientInitializer(SseResponseHandler response) {
        this.response = response;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline().addLast(new HttpClientCodec(), response);
    }
}
