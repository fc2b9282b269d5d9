package io.pushbench.core.driver.longpoll;

import io.pushbench.core.driver.ClientIds;
import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.lifecycle.AbstractDriver;
import io.pushbench.core.driver.lifecycle.ReconnectPolicy;
import io.pushbench.core.driver.lifecycle.ReconnectingConnection;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the library long-polling drivers share: their pollers ({@link PollingConnection}), each with
 * a client id of its own, and the one timer thread that times their reconnections. A stack supplies
 * only its poller and how it stops its HTTP client.
 *
 * <p>Thread-safe.
 */
abstract class LibraryPollingDriver extends AbstractDriver {

    private final ScheduledExecutorService timer;
    private final PollCursorStrategy cursors;

    /**
     * @param name    the prefix of the timer thread's name
     * @param cursors the protocol the pollers' cursors speak
     */
    LibraryPollingDriver(ClientStack stack, String name, PollCursorStrategy cursors) {
        super(Transport.LONG_POLLING, stack);
        this.cursors = cursors;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name + "-retry");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A poller for {@code target} (with its own client id), reconnecting as {@code repoll} says,
     * its cursor speaking {@code cursors}.
     */
    abstract PollingConnection newPoller(int id, Target target, ConnectionListener listener,
                                         ReconnectPolicy.Repoll repoll, PollCursorStrategy cursors);

    /** Stops the stack's HTTP client, after every poller was closed. */
    abstract void closeHttpClient();

    @Override
    protected final ReconnectingConnection newConnection(int id, Target target, ConnectionListener listener) {
        return newPoller(id, ClientIds.forConnection(target, id), listener, ReconnectPolicy.repoll(timer), cursors);
    }

    @Override
    protected final void closeClient() {
        timer.shutdownNow();
        closeHttpClient();
    }
}
