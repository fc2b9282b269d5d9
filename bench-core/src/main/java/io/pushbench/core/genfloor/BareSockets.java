package io.pushbench.core.genfloor;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.pushbench.core.netty.NettyIo;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.netty.NettyTls;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Opens the generator floor's TCP connections (TLS for {@code wss}/{@code https} targets) and waits for them to be ready. */
final class BareSockets {

    /** How long opening the floor's connections (TCP and handshake) may take in all: 10 s. */
    static final long OPEN_TIMEOUT_SECONDS = 10;

    private BareSockets() {
    }

    /**
     * Starts connecting to {@code target}'s host and port, {@code TCP_NODELAY} on, with {@code handler}
     * (usually an initializer) as the channel's pipeline, above TLS when the target is secure; a failed
     * connect completes {@code ready} exceptionally.
     *
     * @param tls how a secure target's certificate is checked
     */
    static Channel connect(EventLoopGroup group, Target target, NettyTls tls, ChannelHandler handler,
                           CompletableFuture<Void> ready) {
        return new Bootstrap()
                .group(group)
                .channel(NettyIo.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) TimeUnit.SECONDS.toMillis(OPEN_TIMEOUT_SECONDS))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        tls.addClientHandlerIfSecure(ch, target);
                        ch.pipeline().addLast(handler);
                    }
                })
                .connect(target.uri().getHost(), target.port())
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        ready.completeExceptionally(f.cause());
                    }
                })
                .channel();
    }

    /** The request target of {@code target}'s URI: its raw path ({@code /} when empty) and query. */
    static String pathAndQuery(Target target) {
        String path = target.uri().getRawPath() == null || target.uri().getRawPath().isEmpty() ? "/"
                : target.uri().getRawPath();
        return target.uri().getRawQuery() == null ? path : path + "?" + target.uri().getRawQuery();
    }

    /** The {@code Host} header for {@code target}: host and port. */
    static String host(Target target) {
        return target.uri().getHost() + ":" + target.port();
    }

    /**
     * Waits until every connection is ready.
     *
     * @param what what the connections are, for the message, e.g. {@code WebSocket connection}
     * @throws IOException naming the target and the first failure, or the timeout
     */
    static void awaitReady(List<CompletableFuture<Void>> ready, Target target, String what)
            throws IOException, InterruptedException {
        try {
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get(OPEN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                    ? c.getCause() : e.getCause();
            throw new IOException("cannot open a " + what + " to " + target.uri() + ": " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new IOException("cannot open " + ready.size() + " " + what + "s to " + target.uri() + " within "
                    + OPEN_TIMEOUT_SECONDS + " s");
        }
    }
}
