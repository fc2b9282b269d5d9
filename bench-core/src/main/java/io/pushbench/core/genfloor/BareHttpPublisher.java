package io.pushbench.core.genfloor;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.util.ReferenceCountUtil;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.netty.NettyTls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The publisher of a broadcast generator floor against a server in another process: one
 * keep-alive HTTP/1.1 connection on which each message is a {@code POST} of one fixed body,
 * the whole request encoded once ({@link RepeatedMessage}) and pipelined, everything due
 * written and flushed at once. Responses are decoded only to see their status: one that is not
 * 2xx fails the floor (the server refused what it was sent).
 *
 * <p>Not thread-safe: opened from any thread, then used on the floor's one event loop.
 */
final class BareHttpPublisher implements FloorLoad {

    private final Channel channel;
    private final RepeatedMessage requests;
    private final FloorCounts counts;

    private BareHttpPublisher(Channel channel, RepeatedMessage requests, FloorCounts counts) {
        this.channel = channel;
        this.requests = requests;
        this.counts = counts;
    }

    /**
     * Connects to {@code target} (its URI is where to {@code POST}).
     *
     * @param body  every request's body
     * @param burst requests usually sent at once
     * @throws IOException when the connection cannot be opened within {@link BareSockets#OPEN_TIMEOUT_SECONDS}
     */
    static BareHttpPublisher open(EventLoopGroup group, Target target, NettyTls tls, byte[] body, int burst, FloorCounts counts)
            throws IOException, InterruptedException {
        CompletableFuture<Void> connected = new CompletableFuture<>();
        Channel channel = BareSockets.connect(group, target, tls, new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new HttpResponseDecoder(), new StatusCheck(counts, connected));
            }
        }, connected);
        RepeatedMessage requests = new RepeatedMessage(request(target, body), burst);
        try {
            BareSockets.awaitReady(List.of(connected), target, "publishing connection");
        } catch (IOException | InterruptedException e) {
            channel.close();
            requests.release();
            throw e;
        }
        return new BareHttpPublisher(channel, requests, counts);
    }

    /** One whole {@code POST} of {@code body} to {@code target}, headers and all. */
    static byte[] request(Target target, byte[] body) {
        StringBuilder head = new StringBuilder("POST ").append(BareSockets.pathAndQuery(target)).append(" HTTP/1.1\r\n")
                .append("Host: ").append(BareSockets.host(target)).append("\r\n")
                .append("Content-Type: text/plain; charset=utf-8\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n");
        target.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    @Override
    public void send(int count, long nowNanos) {
        if (channel.isWritable()) {
            requests.write(channel, count);
            channel.flush();
            counts.sent += count;
        } else {
            counts.skipped += count;
        }
    }

    @Override
    public void close() {
        channel.close();
        requests.release();
    }

    /** Fails the floor on a response that is not 2xx; marks the connection ready once connected. */
    private static final class StatusCheck extends FloorConnectionHandler {

        private final CompletableFuture<Void> connected;

        StatusCheck(FloorCounts counts, CompletableFuture<Void> connected) {
            super(counts, "the generator floor's publishing connection");
            this.connected = connected;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            connected.complete(null);
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpResponse response && response.status().codeClass() != HttpStatusClass.SUCCESS) {
                counts.fail("the generator floor's publish answered HTTP " + response.status().code());
            }
            ReferenceCountUtil.release(msg);
        }
    }
}
