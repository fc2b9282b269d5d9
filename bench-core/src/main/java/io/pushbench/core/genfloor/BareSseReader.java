package io.pushbench.core.genfloor;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.netty.NettyTls;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The generator floor's broadcast receivers: HTTP/1.1 event streams ({@code GET} with
 * {@code Accept: text/event-stream}) whose events are counted, not parsed
 * ({@link SseEventCounter}). Netty's HTTP decoder takes off the chunking; nothing else runs.
 *
 * <p>Not thread-safe: opened from any thread, then left to the floor's one event loop.
 */
final class BareSseReader implements AutoCloseable {

    private final List<Channel> channels;

    private BareSseReader(List<Channel> channels) {
        this.channels = channels;
    }

    /**
     * Opens {@code connections} event streams at {@code target} and waits for each to be answered 200.
     *
     * @throws IOException when a stream cannot be opened within {@link BareSockets#OPEN_TIMEOUT_SECONDS}
     */
    static BareSseReader open(EventLoopGroup group, Target target, NettyTls tls, int connections, FloorCounts counts)
            throws IOException, InterruptedException {
        List<Channel> channels = new ArrayList<>();
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            CompletableFuture<Void> answered = new CompletableFuture<>();
            Channel channel = BareSockets.connect(group, target, tls, new ChannelInitializer<>() {
                @Override
                protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(new HttpClientCodec(), new SseEventCounter(counts, answered, request(target)));
                }
            }, answered);
            channels.add(channel);
            ready.add(answered);
        }
        BareSseReader reader = new BareSseReader(channels);
        try {
            BareSockets.awaitReady(ready, target, "event stream");
        } catch (IOException | InterruptedException e) {
            reader.close();
            throw e;
        }
        return reader;
    }

    private static FullHttpRequest request(Target target) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                BareSockets.pathAndQuery(target));
        request.headers().set(HttpHeaderNames.HOST, BareSockets.host(target))
                .set(HttpHeaderNames.ACCEPT, "text/event-stream")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        target.headers().forEach((name, value) -> request.headers().set(name, value));
        return request;
    }

    @Override
    public void close() {
        channels.forEach(Channel::close);
    }
}
