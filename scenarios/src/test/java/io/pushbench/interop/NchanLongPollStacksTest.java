package io.pushbench.interop;

import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.Drivers;
import io.pushbench.core.driver.ProtocolOptions;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.driver.longpoll.PollCursorStrategy;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The etag poll cursor in every long-polling driver (Netty's, Jetty's, OkHttp's) against nchan:
 * each client receives every message published, once, in order, though messages are published
 * while its next poll is not yet sent (nchan keeps them, and the cursor asks for what came after).
 */
@Timeout(60)
class NchanLongPollStacksTest {

    private static final int CLIENTS = 3;
    private static final int MESSAGES = 30;

    @TempDir
    Path dir;

    private Nginx nginx;

    @BeforeEach
    void startNchan() throws Exception {
        nginx = Nginx.startNchan(dir, "nchan_message_buffer_length 100;");
    }

    @AfterEach
    void stopNchan() {
        nginx.close();
    }

    @ParameterizedTest
    // The Java stacks: the browser's wire bytes stay inside Chromium, and BrowserStackTest covers it.
    @EnumSource(value = ClientStack.class, names = "BROWSER", mode = EnumSource.Mode.EXCLUDE)
    void everyStackResumesByEtag(ClientStack stack) throws Exception {
        DriverOptions options = DriverOptions.builder().ioThreads(1)
                .protocol(ProtocolOptions.DEFAULTS.withPollCursor(PollCursorStrategy.ETAG)).build();
        Map<PushConnection, List<String>> received = new ConcurrentHashMap<>();
        ConnectionListener listener = (connection, text, receivedNanos) ->
                received.computeIfAbsent(connection, c -> new CopyOnWriteArrayList<>()).add(text.toString());
        List<String> published = new ArrayList<>();
        try (TransportDriver driver = Drivers.create(Transport.LONG_POLLING, stack, options)) {
            Target target = Target.of(URI.create(nginx.base("http") + "/sub?id=" + stack));
            List<PushConnection> connections = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                connections.add(driver.connect(target, listener).get(10, TimeUnit.SECONDS));
            }
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < MESSAGES; i++) {
                String message = "pb1:" + i + ":0:0;";
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                                URI.create(nginx.base("http") + "/pub?id=" + stack))
                        .POST(HttpRequest.BodyPublishers.ofString(message)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 299);
                published.add(message);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (received.values().stream().mapToInt(List::size).sum() < CLIENTS * MESSAGES
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            for (PushConnection c : connections) {
                assertThat(received.get(c)).as(stack + " " + nginx.errorLog()).containsExactlyElementsOf(published);
            }
        }
    }
}
