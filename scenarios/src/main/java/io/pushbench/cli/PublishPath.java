package io.pushbench.cli;

import io.netty.channel.EventLoopGroup;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.Drivers;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.driver.netty.NettyHttpPoster;
import io.pushbench.core.engine.CapacityRun;
import io.pushbench.core.netty.NettyIo;
import io.pushbench.core.record.WireCounter;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where {@code capacity --mode pubsub} publishes: an HTTP {@code POST} of each envelope to an
 * {@code http(s)://} URL (over a few keep-alive connections), or a text frame on one WebSocket to
 * a {@code ws(s)://} URL (anything the server sends on that socket is ignored). The publishing
 * connections are not counted among the subscribers. Closing it closes what it opened.
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
     * @throws UserError naming {@code --publish-url} when the publishing socket cannot be opened
     */
    static PublishPath open(URI url, Map<String, String> headers, DriverOptions options) throws InterruptedException {
        Target target = new Target(url, null, headers);
        if (url.getScheme().toLowerCase(Locale.ROOT).startsWith("http")) {
            EventLoopGroup group = NettyIo.newGroup("publisher", 1);
            NettyHttpPoster poster = new NettyHttpPoster(group, new WireCounter(), options.trust());
            return new PublishPath(text -> poster.post(url, text, target), () -> {
                poster.close();
                NettyIo.shutdown(group);
            });
        }
        TransportDriver driver = Drivers.create(Transport.WEBSOCKET, ClientStack.NETTY, options);
        try {
            PushConnection socket = driver.connect(target, (connection, payload, receivedNanos) -> {
                // What a server sends to its publisher (e.g. its own broadcasts) is not measured.
            }).get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new PublishPath(socket::send, driver::close);
        } catch (ExecutionException e) {
            driver.close();
            String why = e.getCause() instanceof DriverException d ? d.getMessage() : String.valueOf(e.getCause());
            throw UserError.failure("--publish-url " + url + ": cannot connect: " + why);
        } catch (TimeoutException e) {
            driver.close();
            throw UserError.failure("--publish-url " + url + ": no WebSocket within " + CONNECT_TIMEOUT_SECONDS + " s");
        }
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
