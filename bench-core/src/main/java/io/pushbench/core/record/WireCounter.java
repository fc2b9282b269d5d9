package io.pushbench.core.record;

import java.util.concurrent.atomic.LongAdder;

/**
 * Bytes read and written at the socket, counted below every protocol layer (headers,
 * framing, handshakes and re-polls included). Thread-safe; cheap to update from many I/O threads.
 */
public final class WireCounter {

    private final LongAdder bytesRead = new LongAdder();
    private final LongAdder bytesWritten = new LongAdder();

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
}
