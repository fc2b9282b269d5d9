package io.pushbench.server;

import io.netty.channel.EventLoopGroup;
import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.netty.NettyHttpPoster;
import io.pushbench.core.driver.websocket.NettyWebSocketDriver;
import io.pushbench.core.netty.NettyIo;
import io.pushbench.core.record.WireCounter;
import io.pushbench.core.driver.websocket.NettyWebSocketDriver;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.pushbench.core.testing.Await.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A server with a connection limit answers 503 beyond it, counts the refusals, and admits again below it. */
class ConnectionLimitTest {

    private static final ConnectionListener IGNORE = (connection, payload, receivedNanos) -> {
    };

    @Test
    void connectionsBeyondTheLimitAreRefusedWith503() throws Exception {
        try (ReferenceServer server = ReferenceServer.builder().maxConnections(3).start();
             NettyWebSocketDriver driver = new NettyWebSocketDriver(1)) {
            Target target = Target.of(URI.create("ws://127.0.0.1:" + server.port() + Paths.WS_BROADCAST));
            PushConnection first = driver.connect(target, IGNORE).get(10, TimeUnit.SECONDS);
            driver.connect(target, IGNORE).get(10, TimeUnit.SECONDS);
            driver.connect(target, IGNORE).get(10, TimeUnit.SECONDS);

            assertThatThrownBy(() -> driver.connect(target, IGNORE).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(DriverException.class)
                    .hasMessageContaining("503")
                    .satisfies(e -> assertThat(((DriverException) e).httpStatus()).isEqualTo(503));
            assertThat(server.stats().rejectedConnections()).isEqualTo(1);
            assertThat(server.stats().openConnections()).isEqualTo(3);

            first.close();
            awaitTrue(() -> server.stats().openConnections() == 2, "the server saw the close");
            assertThat(driver.connect(target, IGNORE).get(10, TimeUnit.SECONDS).isOpen()).isTrue();
            assertThat(server.stats().rejectedConnections()).isEqualTo(1);
        }
    }

    @Test
    void aPostBeyondTheLimitIsAnswered503AndCountedByStatus() throws Exception {
        EventLoopGroup group = NettyIo.newGroup("test-poster", 1);
        try (ReferenceServer server = ReferenceServer.builder().maxConnections(1).start();
             NettyWebSocketDriver driver = new NettyWebSocketDriver(1);
             NettyHttpPoster poster = new NettyHttpPoster(group, new WireCounter())) {
            driver.connect(Target.of(URI.create("ws://127.0.0.1:" + server.port() + Paths.WS_BROADCAST)), IGNORE)
                    .get(10, TimeUnit.SECONDS);
            URI publish = URI.create("http://127.0.0.1:" + server.port() + Paths.PUBLISH);
            assertThatThrownBy(() -> poster.post(publish, "pb1:0:0:0;", Target.of(publish)).get(10, TimeUnit.SECONDS))
                    .cause().isInstanceOf(DriverException.class)
                    .hasMessageContaining("HTTP 503").hasMessageContaining("connection limit (1)")
                    .satisfies(e -> assertThat(((DriverException) e).httpStatus()).isEqualTo(503));
        } finally {
            NettyIo.shutdown(group);
        }
    }
}
