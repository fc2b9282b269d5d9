package io.pushbench.core.record;

import java.util.concurrent.atomic.LongAdder;

/**
 * Bytes read and written at the socket, counted below every protocol layer (headers,
 * framing, handshakes and re-polls included), and the TCP connections that carried them.
 * Thread-safe; cheap to update from many I/O threads.
 */
public final class WireCounter {

    private final LongAdder bytesRead = new LongAdder();
    private final LongAdder bytesWritten = new LongAdder();
    private final LongAdder connections = new LongAdder();

    public void addRead(long bytes) {
        bytesRead.add(bytes);
    }

    public void addWritten(long bytes) {
        bytesWritten.add(bytes);
    }

    /** Bytes received so far. */
    public long bytesRead() {
        return bytesRead.sum();
    }

    /** Bytes sent so far. */
    public long bytesWritten() {
        return bytesWritten.sum();
    }

    /** A TCP connection was made. */
    public void connectionOpened() {
        connections.increment();
    }

    /** TCP connections made so far. */
    public long connectionsOpened() {
        return connections.sum();
    }
}
