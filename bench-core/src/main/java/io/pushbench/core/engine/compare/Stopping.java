package io.pushbench.core.engine.compare;

/**
 * Stops a comparison from any thread: whatever it runs now (a floor, a transport, a staircase) is
 * stopped and keeps what it measured, and nothing after it starts. A stop that comes while nothing
 * runs reaches the next thing to run as soon as it starts.
 */
final class Stopping {

    /** Work that can be stopped, throwing {@code E} or being interrupted. */
    @FunctionalInterface
    interface Work<T, E extends Exception> {
        T run() throws E, InterruptedException;
    }

    private volatile boolean requested;
    private volatile Runnable current;

    /** Stops what runs now, and marks the rest to be skipped. Safe from any thread. */
    void request() {
        requested = true;
        Runnable stop = current;
        if (stop != null) {
            stop.run();
        }
    }

    boolean requested() {
        return requested;
    }

    /** Runs {@code work}, which {@code stop} ends early, stopping it at once when a stop came before. */
    <T, E extends Exception> T whileRunning(Runnable stop, Work<T, E> work) throws E, InterruptedException {
        current = stop;
        // Read after publishing current: a stop requested in between runs stop, here or in request().
        if (requested) {
            stop.run();
        }
        try {
            return work.run();
        } finally {
            current = null;
        }
    }
}
