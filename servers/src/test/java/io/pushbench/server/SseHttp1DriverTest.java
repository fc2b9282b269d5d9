package io.pushbench.server;

import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.sse.NettySseHttp1Driver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Netty SSE (HTTP/1.1) driver against the reference server, over loopback: what it makes of an
 * answer that is not an event stream. (Broadcast and echo through the engine: {@link EndToEndTest};
 * streams that go away: {@link SseRecoveryTest}; curl: {@link CurlTest}.)
 */
class SseHttp1DriverTest {

    private ReferenceServer server;
    private final NettySseHttp1Driver driver = new NettySseHttp1Driver(1);

    @BeforeEach
    void start() throws IOException {
        server = ReferenceServer.builder().start();
    }

    @AfterEach
    void stop() {
        driver.close();
        server.close();
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    @Test
    void anAnswerThatIsNotAnEventStreamIsAnHttpStatusError() {
        RecordingListener recorder = new RecordingListener();
        assertThatThrownBy(() -> driver.connect(Target.of(uri(Paths.HEALTH)), (c, payload, t) -> {
        }).get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(DriverException.class)
                .hasMessageContaining("200 OK").hasMessageContaining("text/plain");
        assertThatThrownBy(() -> driver.connect(Target.of(uri("/no-such-endpoint")), recorder)
                .get(5, TimeUnit.SECONDS)).cause().hasMessageContaining("404");
        assertThat(recorder.errors).singleElement().extracting(DriverException::kind).isEqualTo(ErrorKind.HTTP_STATUS);
    }
}
