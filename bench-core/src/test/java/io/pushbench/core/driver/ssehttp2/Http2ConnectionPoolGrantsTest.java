package io.pushbench.core.driver.ssehttp2;

import io.netty.channel.EventLoopGroup;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TlsTrust;
import io.pushbench.core.netty.NettyIo;
import io.pushbench.core.record.WireCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pool's grants are independent of each other: when the streams waiting for a connection are
 * granted their places together, one whose grant throws does not keep the others waiting. Against a
 * real HTTP/2 server ({@link StreamLimitServer}).
 */
@Timeout(30)
class Http2ConnectionPoolGrantsTest {

    private StreamLimitServer server;
    private EventLoopGroup group;
    private Http2ConnectionPool pool;

    @AfterEach
    void stop() throws InterruptedException {
        if (pool != null) {
            pool.closeAll();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aGrantThatThrowsDoesNotKeepTheStreamsAfterItWaiting() throws Exception {
        server = new StreamLimitServer(10);
        group = NettyIo.newGroup("h2-pool-test", 1);
        pool = new Http2ConnectionPool(group, 0, TlsTrust.system(), new WireCounter(), n -> null);
        Target target = Target.of(URI.create("http://127.0.0.1:" + server.port() + "/sse"));
        CountDownLatch grantedAfterTheThrow = new CountDownLatch(2);

        // Requested before the first connection is ready, so that the three are granted in one go.
        pool.request(target, new Request(grantedAfterTheThrow) {
            @Override
            public void granted(Http2ClientConnection connection) {
                pool.release(connection);
                throw new IllegalStateException("a grant that fails");
            }
        });
        pool.request(target, new Request(grantedAfterTheThrow));
        pool.request(target, new Request(grantedAfterTheThrow));

        assertThat(grantedAfterTheThrow.await(10, TimeUnit.SECONDS))
                .as("the streams granted after the one that threw").isTrue();
    }

    private class Request implements Http2ConnectionPool.StreamRequest {
        private final CountDownLatch granted;

        Request(CountDownLatch granted) {
            this.granted = granted;
        }

        @Override
        public void granted(Http2ClientConnection connection) {
            granted.countDown();
            pool.release(connection);
        }

        @Override
        public void failed(DriverException error) {
            throw new AssertionError("no connection for a stream", error);
        }
    }
}
