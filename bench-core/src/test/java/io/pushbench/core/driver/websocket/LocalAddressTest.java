package io.pushbench.core.driver.websocket;

import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.Target;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Connections are spread over the given source addresses, in turn, as the server sees them. */
class LocalAddressTest {

    @Test
    void connectionsComeFromEachLocalAddressInTurn() throws Exception {
        List<InetAddress> sources = List.of(InetAddress.getByName("127.0.0.2"), InetAddress.getByName("127.0.0.3"));
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
             NettyWebSocketDriver driver = new NettyWebSocketDriver(DriverOptions.builder().ioThreads(1)
                     .localAddresses(sources).build())) {
            listener.setSoTimeout(10_000);
            Target target = Target.of(URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/ws"));
            List<Socket> accepted = new ArrayList<>();
            Set<InetAddress> seen = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                driver.connect(target, (connection, payload, receivedNanos) -> {
                });
                Socket socket = listener.accept();
                accepted.add(socket);
                seen.add(socket.getInetAddress());
                assertThat(((InetSocketAddress) socket.getRemoteSocketAddress()).getAddress())
                        .isEqualTo(sources.get(i % 2));
            }
            assertThat(seen).containsExactlyInAnyOrderElementsOf(sources);
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }
}
