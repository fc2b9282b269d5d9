package io.pushbench.core.driver.browser;

/**
 * How the subscriptions a driver's pages asked for opened: at once, after waiting for a connection the
 * browser held back (its 6-per-host limit over HTTP/1.1), or not during the run. Thread-safe.
 */
final class BrowserTally {

    /** An open that took longer than this waited for the browser, not for the network: 1 s. */
    static final long WAITED_NANOS = 1_000_000_000L;

    private int requested;
    private int opened;
    private int waited;
    private int heldBack;
    private long maxWaitNanos;

    synchronized void requested() {
        requested++;
    }

    synchronized void opened(long waitNanos) {
        opened++;
        if (waitNanos >= WAITED_NANOS) {
            waited++;
        }
        maxWaitNanos = Math.max(maxWaitNanos, waitNanos);
    }

    /** Handed to the run still waiting (counted again by {@link #opened} if it opens later). */
    synchronized void heldBack() {
        heldBack++;
    }

    synchronized int requestedCount() {
        return requested;
    }

    synchronized int openedCount() {
        return opened;
    }

    /** Opened after waiting at least {@link #WAITED_NANOS}. */
    synchronized int waitedCount() {
        return waited;
    }

    synchronized int heldBackCount() {
        return heldBack;
    }

    synchronized long maxWaitNanos() {
        return maxWaitNanos;
    }
}
