package io.pushbench.core.genfloor;

/**
 * What a generator floor's bare client counted: messages sent, messages that came back (or
 * were delivered), and the first failure. Plain fields, no atomics: every count is kept by the
 * floor's one event-loop thread, and read there too (snapshots run as tasks on that loop).
 */
final class FloorCounts {

    /** Frames sent (echo) or messages published (broadcast). */
    long sent;
    /** Planned messages not sent because the connection's outbound buffer was full. */
    long skipped;
    /** Replies (echo) or events delivered, summed over connections (broadcast). */
    long received;
    private volatile String failure;
    private volatile boolean closing;

    /**
     * Records the first failure; the floor then ends and reports it. Ignored once {@link #closing()}
     * was called: connections closing at the end are no failure. Any thread.
     */
    void fail(String why) {
        if (failure == null && !closing) {
            failure = why;
        }
    }

    /** The floor is closing its connections: what they report from now on is not a failure. Any thread. */
    void closing() {
        closing = true;
    }

    /** The first failure, or null. Any thread. */
    String failure() {
        return failure;
    }
}
