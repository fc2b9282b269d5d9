package io.pushbench.server;

import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.longpoll.NettyLongPollingDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.pushbench.core.testing.Await.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Netty long-polling driver against the reference server's {@code /poll}, over loopback, for
 * what only long polling does: batches, empty answers to idle polls, errors answered to a poll or
 * a send. (Broadcast and echo through the engine: {@link EndToEndTest}; curl: {@link CurlTest}.)
 */
class LongPollingDriverTest {

    private ReferenceServer server;
    private final NettyLongPollingDriver driver = new NettyLongPollingDriver(1);

    @AfterEach
    void stop() {
        driver.close();
        if (server != null) {
            server.close();
        }
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    @Test
    void aBurstArrivesInBatchesInOrderWithNoneLost() throws Exception {
        server = ReferenceServer.builder().start();
        List<String> received = new CopyOnWriteArrayList<>();
        driver.connect(Target.of(uri(Paths.POLL)), (c, payload, t) -> received.add(payload.toString()))
                .get(5, TimeUnit.SECONDS);
        awaitTrue(() -> server.stats().subscribers() == 1, "the first poll reached the server");

        List<String> burst = IntStream.range(0, 100).mapToObj(i -> "m" + i).toList();
        burst.forEach(server.hub()::publish);
        awaitTrue(() -> received.size() >= 100, "100 messages received");

        assertThat(received).containsExactlyElementsOf(burst);
        long answers = driver.answeredPolls();
        assertThat(answers).as("answers carrying 100 messages").isBetween(1L, 99L);
        assertThat(server.stats().acceptedConnections()).isEqualTo(1);
    }

    @Test
    void anIdlePollIsAnsweredEmptyAndPolledAgainOnTheSameConnection() throws Exception {
        server = ReferenceServer.builder().heartbeatInterval(Duration.ofMillis(100)).start();
        RecordingListener recorder = new RecordingListener();
        driver.connect(Target.of(uri(Paths.POLL + "?client=idle")), recorder).get(5, TimeUnit.SECONDS);
        awaitTrue(() -> driver.answeredPolls() >= 3, "three empty answers");
        assertThat(recorder.messages).isEmpty();

        server.hub().publish("after the heartbeats");
        awaitTrue(() -> recorder.messages.size() == 1, "the message after the heartbeats");
        assertThat(recorder.messages).containsExactly("after the heartbeats");
        assertThat(recorder.errors).isEmpty();
        assertThat(server.stats().acceptedConnections()).isEqualTo(1);
        assertThat(driver.tcpConnectionsOpened()).isEqualTo(1);
    }

    @Test
    void anAnswerOtherThan200IsAnHttpStatusErrorThatFailsTheConnect() throws Exception {
        server = ReferenceServer.builder().start();
        RecordingListener recorder = new RecordingListener();
        // The first poll is the opening: a poller whose first poll is refused never could receive.
        assertThatThrownBy(() -> driver.connect(Target.of(uri("/no-such-endpoint")), recorder).get(5, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(DriverException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.HTTP_STATUS));
        awaitTrue(() -> !recorder.errors.isEmpty(), "an error");
        assertThat(recorder.errors.get(0).kind()).isEqualTo(ErrorKind.HTTP_STATUS);
        assertThat(recorder.errors.get(0).getMessage()).contains("404");
    }

    @Test
    void aSendToAClientThatIsNotPollingIsAnHttpStatusError() throws Exception {
        server = ReferenceServer.builder().start();
        RecordingListener recorder = new RecordingListener();
        PushConnection connection = driver.connect(
                Target.of(uri(Paths.POLL + "?client=a"), uri(Paths.ECHO + "?client=someone-else")), recorder)
                .get(5, TimeUnit.SECONDS);
        connection.send("hello");
        awaitTrue(() -> !recorder.errors.isEmpty(), "an error");
        assertThat(recorder.errors.get(0).kind()).isEqualTo(ErrorKind.HTTP_STATUS);
        assertThat(recorder.errors.get(0).getMessage()).contains("404");
    }
}
