package io.pushbench.core.driver.browser;

/**
 * The offset between a page's clock ({@code performance.now()}, milliseconds) and this process's
 * {@link System#nanoTime()}, estimated NTP-style: pushbench asks the page for its time at {@code sent},
 * gets the answer at {@code received}, and assumes the page read its clock half way. Of several
 * samples the one with the shortest round trip is kept: the page's answer lies within
 * {@code [sent, received]}, so half that round trip bounds the error of the estimate.
 *
 * <p>Not thread-safe: one estimate is built by one thread, then read.
 */
final class PageClock {

    private long bestRoundTrip = Long.MAX_VALUE;
    private long offsetNanos;

    /**
     * Adds one sample.
     *
     * @param sentNanos     {@link System#nanoTime()} when the question was sent
     * @param pageMillis    the page's {@code performance.now()} in its answer
     * @param receivedNanos {@link System#nanoTime()} when the answer arrived
     */
    void sample(long sentNanos, double pageMillis, long receivedNanos) {
        long roundTrip = receivedNanos - sentNanos;
        if (roundTrip < bestRoundTrip) {
            bestRoundTrip = roundTrip;
            long midpoint = sentNanos + roundTrip / 2;
            offsetNanos = Math.round(pageMillis * 1e6) - midpoint;
        }
    }

    /** Whether any sample was taken. */
    boolean hasEstimate() {
        return bestRoundTrip != Long.MAX_VALUE;
    }

    /** Page time minus process time, nanoseconds, from the best sample. */
    long offsetNanos() {
        return offsetNanos;
    }

    /** Half the best sample's round trip: how far the true offset can be from {@link #offsetNanos()}. */
    long errorBoundNanos() {
        return bestRoundTrip / 2;
    }

    /** A page time mapped onto {@link System#nanoTime()}. */
    long toNanoTime(double pageMillis) {
        return Math.round(pageMillis * 1e6) - offsetNanos;
    }
}
