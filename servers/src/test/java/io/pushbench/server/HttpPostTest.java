package io.pushbench.server;

import io.netty.channel.EventLoopGroup;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.netty.NettyHttpPoster;
import io.pushbench.core.netty.NettyIo;
import io.pushbench.core.record.WireCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP/1.1 upstream path: {@link NettyHttpPoster} against the reference server's POST endpoints. */
class HttpPostTest {

    private ReferenceServer server;
    private EventLoopGroup group;
    private NettyHttpPoster poster;
    private final WireCounter wire = new WireCounter();

    @BeforeEach
    void start() throws Exception {
        server = ReferenceServer.builder().start();
        group = NettyIo.newGroup("test-post", 1);
        poster = new NettyHttpPoster(group, wire);
    }

    @AfterEach
    void stop() {
        poster.close();
        NettyIo.shutdown(group);
        server.close();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Test
    void publishedBodiesReachTheHubInOrderOverKeepAliveConnections() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        server.hub().addListener((id, text) -> seen.add(text));
        for (int i = 0; i < 50; i++) {
            poster.post(uri(Paths.PUBLISH), "message " + i, Target.of(uri(Paths.PUBLISH))).get(5, TimeUnit.SECONDS);
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add("message " + i);
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(server.stats().acceptedConnections()).isEqualTo(1);
        assertThat(wire.bytesWritten()).isGreaterThan(50L * "message 0".length());
    }

    @Test
    void concurrentPostsUseABoundedPool() throws Exception {
        List<CompletableFuture<Void>> posts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            posts.add(poster.post(uri(Paths.PUBLISH), "m" + i, Target.of(uri(Paths.PUBLISH))));
        }
        CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(server.hub().published()).isEqualTo(200);
        assertThat(server.stats().acceptedConnections()).isLessThanOrEqualTo(NettyHttpPoster.MAX_CONNECTIONS_PER_ORIGIN);
    }

    @Test
    void anErrorStatusFailsThePostNamingTheStatus() {
        URI unknownClient = uri(Paths.ECHO + "?client=nobody");
        assertThatThrownBy(() -> poster.post(unknownClient, "x", Target.of(unknownClient)).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(DriverException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.HTTP_STATUS);
                    assertThat(e.getMessage()).contains("404");
                });
    }

    @Test
    void aRefusedConnectionFailsAsConnectFailed() throws Exception {
        int port = server.port();
        server.close();
        URI closed = URI.create("http://127.0.0.1:" + port + Paths.PUBLISH);
        assertThatThrownBy(() -> poster.post(closed, "x", Target.of(closed)).get(5, TimeUnit.SECONDS))
                .cause()
                .isInstanceOfSatisfying(DriverException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONNECT_FAILED));
        server = ReferenceServer.builder().start();
    }
}
