package io.pushbench.cli;

import io.pushbench.core.driver.Target;
import io.pushbench.core.engine.Workload;
import io.pushbench.core.transport.Transport;
import io.pushbench.server.Paths;
import io.pushbench.server.ReferenceServer;

import java.net.URI;

/** Where each transport's endpoint is on a running {@link ReferenceServer}. */
final class ReferenceTargets {

    private ReferenceTargets() {
    }

    static Target of(ReferenceServer server, Transport transport, Workload workload) {
        String hostPort = server.host() + ":" + server.port();
        return switch (transport) {
            case WEBSOCKET -> Target.of(URI.create("ws://" + hostPort
                    + (workload == Workload.ECHO ? Paths.WS_ECHO : Paths.WS_BROADCAST)));
            case LONG_POLLING -> {
                // One client id per run; the driver makes it unique per connection (ClientIds).
                String client = "?" + Paths.CLIENT_PARAM + "=" + Long.toString(System.nanoTime(), 36);
                yield Target.of(URI.create("http://" + hostPort + Paths.POLL + client),
                        workload == Workload.ECHO ? URI.create("http://" + hostPort + Paths.ECHO + client) : null);
            }
            default -> throw new IllegalArgumentException("the reference server does not serve " + transport + " yet");
        };
    }
}
