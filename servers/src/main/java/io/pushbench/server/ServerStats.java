package io.pushbench.server;

import io.pushbench.core.record.WireCounter;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What the server counts: connections, bytes on the wire, errors. Thread-safe. */
public final class ServerStats {

    private final WireCounter wire = new WireCounter();
    private final AtomicLong open = new AtomicLong();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder idleClosed = new LongAdder();
    private final AtomicLong subscribers = new AtomicLong();

    /** Bytes read and written at the server's sockets. */
    public WireCounter wire() {
        return wire;
    }

    /** TCP connections open now. */
    public long openConnections() {
        return open.get();
    }

    /** TCP connections accepted since start, rejected ones included. */
    public long acceptedConnections() {
        return accepted.sum();
    }

    /** Protocol or I/O errors seen on connections (each also closed the connection). */
    public long errors() {
        return errors.sum();
    }

    /**
     * Counts an accepted connection and admits it when fewer than {@code max} are open (any number
     * when {@code max <= 0}); one beyond the limit is counted as rejected instead, and not as open.
     *
     * @return whether the connection is admitted
     */
    boolean admit(int max) {
        accepted.increment();
        if (max <= 0) {
            open.incrementAndGet();
            return true;
        }
        for (long now = open.get(); now < max; now = open.get()) {
            if (open.compareAndSet(now, now + 1)) {
                return true;
            }
        }
        rejected.increment();
        return false;
    }

    /** Connections refused because the server's connection limit was reached (answered 503 and closed). */
    public long rejectedConnections() {
        return rejected.sum();
    }

    void connectionClosed() {
        open.decrementAndGet();
    }

    /** Push subscriptions open now, on every transport (a WebSocket, an event stream, a long-polling client). */
    public long subscribers() {
        return subscribers.get();
    }

    /** Counts a subscription that opened; call {@link #unsubscribed()} when it ends. */
    public void subscribed() {
        subscribers.incrementAndGet();
    }

    /** Counts a subscription that ended. */
    public void unsubscribed() {
        subscribers.decrementAndGet();
    }

    /** Broadcasts not sent to a subscriber because its outbound buffer was full (a slow subscriber). */
    public long dropped() {
        return dropped.sum();
    }

    /** Counts one broadcast dropped for a slow subscriber. */
    public void drop() {
        dropped.increment();
    }

    /** Counts {@code count} broadcasts dropped for a slow subscriber, {@code >= 0}. */
    public void drop(long count) {
        dropped.add(count);
    }

    /** Connections closed because nothing crossed them for the idle timeout. */
    public long idleClosed() {
        return idleClosed.sum();
    }

    void countIdleClose() {
        idleClosed.increment();
    }

    /** Counts one connection error. */
    public void error() {
        errors.increment();
    }
}
