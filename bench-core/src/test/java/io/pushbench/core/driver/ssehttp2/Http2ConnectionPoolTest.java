package io.pushbench.core.driver.ssehttp2;

import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.pushbench.core.testing.Await.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP/2 driver's connection pool against a real HTTP/2 server that announces a low
 * SETTINGS_MAX_CONCURRENT_STREAMS ({@link StreamLimitServer}): streams beyond it open more TCP
 * connections instead of failing, the upper bound ({@code streams-per-connection}) still holds
 * when lower, a raised or lowered limit and GOAWAY are followed, a refused stream is requested again. Connection and stream counts are
 * the server's own.
 */
@Timeout(60)
class Http2ConnectionPoolTest {

    private StreamLimitServer server;
    private NettySseHttp2Driver driver;
    private final List<DriverException> errors = new CopyOnWriteArrayList<>();
    private final ConnectionListener listener = new ConnectionListener() {
        @Override
        public void onMessage(PushConnection connection, CharSequence payload, long receivedNanos) {
        }

        @Override
        public void onError(PushConnection connection, DriverException error) {
            errors.add(error);
        }
    };

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void start(int serverLimit, int streamsPerConnection) throws InterruptedException {
        server = new StreamLimitServer(serverLimit);
        driver = new NettySseHttp2Driver(DriverOptions.builder().ioThreads(1)
                .streamsPerConnection(streamsPerConnection).build());
    }

    /** Opens {@code n} event streams and waits until every one is answered. */
    private List<PushConnection> subscribe(int n) throws Exception {
        Target target = Target.of(URI.create("http://127.0.0.1:" + server.port() + "/sse"));
        List<CompletableFuture<PushConnection>> connecting = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            connecting.add(driver.connect(target, listener));
        }
        List<PushConnection> open = new ArrayList<>();
        for (CompletableFuture<PushConnection> c : connecting) {
            open.add(c.get(20, TimeUnit.SECONDS));
        }
        return open;
    }

    private int streamsOpen() {
        return server.streams().stream().mapToInt(s -> s.open.get()).sum();
    }

    private int mostOnAnyConnection() {
        return server.streams().stream().mapToInt(s -> s.most.get()).max().orElse(0);
    }

    @Test
    void streamsBeyondTheServersLimitOpenMoreConnections() throws Exception {
        start(10, 0);

        subscribe(25);

        assertThat(streamsOpen()).isEqualTo(25);
        assertThat(server.connections()).as("ceil(25 / 10)").isEqualTo(3);
        assertThat(driver.tcpConnectionsOpened()).isEqualTo(3);
        assertThat(mostOnAnyConnection()).isEqualTo(10);
        assertThat(errors).isEmpty();
    }

    @Test
    void aLowerStreamsPerConnectionStaysTheBound() throws Exception {
        start(10, 4);

        subscribe(10);

        assertThat(server.connections()).as("ceil(10 / 4)").isEqualTo(3);
        assertThat(mostOnAnyConnection()).isEqualTo(4);
        assertThat(errors).isEmpty();
    }

    @Test
    void aHigherStreamsPerConnectionGivesWayToTheServersLimit() throws Exception {
        start(5, 100);

        subscribe(12);

        assertThat(server.connections()).as("ceil(12 / 5)").isEqualTo(3);
        assertThat(mostOnAnyConnection()).isEqualTo(5);
        assertThat(errors).isEmpty();
    }

    @Test
    void aRaisedLimitTakesMoreStreamsOnTheSameConnection() throws Exception {
        start(2, 0);
        subscribe(2);

        server.announce(5);
        awaitTrue(() -> server.settingsAcks() == 1, "the client acknowledged the new limit");
        subscribe(3);

        assertThat(server.connections()).isEqualTo(1);
        assertThat(streamsOpen()).isEqualTo(5);
        assertThat(errors).isEmpty();
    }

    @Test
    void aLoweredLimitSendsNewStreamsToAnotherConnection() throws Exception {
        start(5, 0);
        subscribe(3);

        server.announce(3);
        awaitTrue(() -> server.settingsAcks() == 1, "the client acknowledged the new limit");
        subscribe(1);

        assertThat(server.connections()).isEqualTo(2);
        assertThat(mostOnAnyConnection()).isEqualTo(3);
        assertThat(errors).isEmpty();
    }

    @Test
    void aRefusedStreamIsRequestedAgainWithoutAnError() throws Exception {
        start(10, 0);
        server.refuseNext(2);

        subscribe(3);

        assertThat(streamsOpen()).isEqualTo(3);
        assertThat(errors).isEmpty();
    }

    @Test
    void goAwaySendsNewStreamsToANewConnectionAndKeepsTheOldOnes() throws Exception {
        start(10, 0);
        List<PushConnection> before = subscribe(3);

        server.goAway();
        awaitTrue(() -> server.pingAcks() == 1, "the client read the GOAWAY and the PING after it");
        subscribe(2);

        assertThat(server.connections()).isEqualTo(2);
        assertThat(streamsOpen()).as("the streams the server accepted before GOAWAY go on").isEqualTo(5);
        assertThat(before).allMatch(PushConnection::isOpen);
        assertThat(errors).isEmpty();
    }
}
