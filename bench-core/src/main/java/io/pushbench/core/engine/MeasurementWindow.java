package io.pushbench.core.engine;

/**
 * The measured phase of a run in {@link System#nanoTime()} terms. A message counts when its
 * planned send time falls inside; warm-up messages are received but not recorded.
 * Set once by the run before any message is sent; read by I/O threads.
 */
final class MeasurementWindow {

    private volatile long startNanos = Long.MAX_VALUE;
    private volatile long endNanos = Long.MAX_VALUE;

    void set(long startNanos, long endNanos) {
        this.endNanos = endNanos;
        this.startNanos = startNanos;
    }

    boolean contains(long intendedNanos) {
        return intendedNanos >= startNanos && intendedNanos < endNanos;
    }

    long startNanos() {
        return startNanos;
    }

    long endNanos() {
        return endNanos;
    }
}
