package io.pushbench.cli;

import io.netty.channel.EventLoopGroup;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.Drivers;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.driver.netty.NettyErrors;
import io.pushbench.core.driver.netty.NettyHttpPoster;
import io.pushbench.core.driver.ssehttp2.Http2Publisher;
import io.pushbench.core.engine.CapacityRun;
import io.pushbench.core.netty.NettyIo;
import io.pushbench.core.record.WireCounter;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where {@code capacity --mode pubsub} publishes: an HTTP {@code POST} of each envelope to an
 * {@code http(s)://} URL, over HTTP/1.1 (a few keep-alive connections) or HTTP/2 (a stream each,
 * h2c with prior knowledge on {@code http://}, h2 by ALPN on {@code https://}), as
 * {@link PublishProtocol} says; or a text frame on one WebSocket to a {@code ws(s)://} URL (anything
 * the server sends on that socket is ignored). Every publish completes when the server answered, or
 * fails with its cause, which the run counts as an error. The publishing connections are not
 * counted among the subscribers. Closing it closes what it opened.
 */
final class PublishPath implements AutoCloseable {

    /** How long the publishing WebSocket may take to open. */
    private static final long CONNECT_TIMEOUT_SECONDS = 30;

    private final CapacityRun.Upstream upstream;
    private final Runnable close;

    private PublishPath(CapacityRun.Upstream upstream, Runnable close) {
        this.upstream = upstream;
        this.close = close;
    }

    /**
     * Opens the path to {@code url}, sending {@code headers} on every request.
     *
     * @param protocol the HTTP version for an {@code http(s)://} URL
     * @throws UserError naming {@code --publish-url} when the publishing socket cannot be opened
     */
    static PublishPath open(URI url, Map<String, String> headers, DriverOptions options, PublishProtocol protocol)
            throws InterruptedException {
        Target target = new Target(url, null, headers);
        boolean http = url.getScheme().toLowerCase(Locale.ROOT).startsWith("http");
        String context = "publish to " + url + " over " + (http ? protocol.describe(url) : "WebSocket") + ": ";
        if (http && protocol == PublishProtocol.H2) {
            Http2Publisher publisher = new Http2Publisher(options.trust(), new WireCounter());
            return new PublishPath(text -> inContext(publisher.post(url, text, target), context), publisher::close);
        }
        if (http) {
            EventLoopGroup group = NettyIo.newGroup("publisher", 1);
            NettyHttpPoster poster = new NettyHttpPoster(group, new WireCounter(), options.trust());
            return new PublishPath(text -> inContext(poster.post(url, text, target), context), () -> {
                poster.close();
                NettyIo.shutdown(group);
            });
        }
        TransportDriver driver = Drivers.create(Transport.WEBSOCKET, ClientStack.NETTY, options);
        try {
            PushConnection socket = driver.connect(target, (connection, payload, receivedNanos) -> {
                // What a server sends to its publisher (e.g. its own broadcasts) is not measured.
            }).get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new PublishPath(text -> inContext(socket.send(text), context), driver::close);
        } catch (ExecutionException e) {
            driver.close();
            String why = e.getCause() instanceof DriverException d ? d.getMessage() : String.valueOf(e.getCause());
            throw UserError.failure("--publish-url " + url + ": cannot connect: " + why);
        } catch (TimeoutException e) {
            driver.close();
            throw UserError.failure("--publish-url " + url + ": no WebSocket within " + CONNECT_TIMEOUT_SECONDS + " s");
        }
    }

    /** {@code publish}, whose failure names where it was going: counted errors say which publish failed. */
    private static CompletableFuture<Void> inContext(CompletableFuture<Void> publish, String context) {
        CompletableFuture<Void> named = new CompletableFuture<>();
        publish.whenComplete((ok, error) -> {
            if (error == null) {
                named.complete(null);
            } else {
                named.completeExceptionally(NettyErrors.asDriverException(error).withContext(context));
            }
        });
        return named;
    }

    /** Publishes each envelope. */
    CapacityRun.Upstream upstream() {
        return upstream;
    }

    @Override
    public void close() {
        close.run();
    }
}
