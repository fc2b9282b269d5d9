package io.pushbench.core.driver.longpoll;

import io.pushbench.core.driver.ClientIds;
import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.driver.lifecycle.ConnectionRegistry;
import io.pushbench.core.driver.lifecycle.ReconnectPolicy;
import io.pushbench.core.transport.Transport;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the library long-polling drivers share: their pollers ({@link PollingConnection}) and the
 * one timer thread that times their reconnections. A stack supplies only its poller and how it
 * shuts its client down.
 *
 * <p>Thread-safe.
 */
abstract class LibraryPollingDriver implements TransportDriver {

    private final ConnectionRegistry pollers = new ConnectionRegistry();
    private final ScheduledExecutorService timer;

    /** @param name the prefix of the timer thread's name */
    LibraryPollingDriver(String name) {
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name + "-retry");
            t.setDaemon(true);
            return t;
        });
    }

    /** A poller for {@code target} (with its own client id), reconnecting as {@code repoll} says. */
    abstract PollingConnection newPoller(int id, Target target, ConnectionListener listener,
                                         ReconnectPolicy.Repoll repoll);

    /** Stops the stack's client, after every poller was closed. */
    abstract void closeClient();

    @Override
    public final Transport transport() {
        return Transport.LONG_POLLING;
    }

    @Override
    public final CompletableFuture<PushConnection> connect(Target target, ConnectionListener listener) {
        int id = pollers.nextId();
        return pollers.start(newPoller(id, ClientIds.forConnection(target, id), listener, ReconnectPolicy.repoll(timer)));
    }

    @Override
    public final void close() {
        pollers.closeAll();
        timer.shutdownNow();
        closeClient();
    }
}
