package io.pushbench.core.driver.lifecycle;

import io.pushbench.core.driver.PushConnection;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connections of one driver: numbers them, starts them, and knows which have not closed yet,
 * so that closing the driver closes them.
 *
 * <p>Thread-safe.
 */
public final class ConnectionRegistry {

    private final AtomicInteger nextId = new AtomicInteger();
    private final Set<ReconnectingConnection> live = ConcurrentHashMap.newKeySet();

    /** The number of the next connection: 0, 1, 2, ... */
    public int nextId() {
        return nextId.getAndIncrement();
    }

    /**
     * Starts {@code connection}'s first attempt.
     *
     * @return completes when it can receive, or fails with the {@link io.pushbench.core.driver.DriverException}
     *         that kept it from opening
     */
    public CompletableFuture<PushConnection> start(ReconnectingConnection connection) {
        live.add(connection);
        return connection.start(this);
    }

    /** Closes every connection not closed yet; each reports its close as it ends. */
    public void closeAll() {
        live.forEach(ReconnectingConnection::close);
    }

    /** Connections started and not closed yet. */
    public int live() {
        return live.size();
    }

    void forget(ReconnectingConnection connection) {
        live.remove(connection);
    }
}
