package io.pushbench.core.testing;

import java.time.Duration;

/**
 * Waits in a test until something has happened, instead of sleeping a fixed time and hoping it
 * did. A wait that passes returns as soon as its condition holds, so the timeout costs nothing
 * when things work and is generous: on a loaded 2-core machine a connect or a delivery can take
 * seconds, and a test that fails from load alone is a broken test.
 *
 * <p>Thread-safety: stateless; the condition is evaluated on the calling thread, so what it reads
 * must be safe to read from there (atomics, concurrent collections, volatile counters).
 */
public final class Await {

    /** How long {@link #awaitTrue(Condition, String)} waits before it fails the test. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** Pause between two evaluations of the condition, milliseconds: short against a delivery, long against a spin. */
    private static final long POLL_MILLIS = 5;

    /** Something a test waits for; may read files or sockets, hence the checked exception. */
    @FunctionalInterface
    public interface Condition {
        /** Whether it has happened yet. */
        boolean holds() throws Exception;
    }

    private Await() {
    }

    /** Waits until {@code condition} holds, at most {@link #DEFAULT_TIMEOUT}; fails the test naming {@code what} if it never does. */
    public static void awaitTrue(Condition condition, String what) throws InterruptedException {
        awaitTrue(DEFAULT_TIMEOUT, condition, what);
    }

    /**
     * Waits until {@code condition} holds, at most {@code timeout}.
     *
     * @throws AssertionError if it still does not hold after {@code timeout}, or if evaluating it threw
     */
    public static void awaitTrue(Duration timeout, Condition condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!holds(condition, what)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited " + timeout.toMillis() + " ms, in vain, for: " + what);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static boolean holds(Condition condition, String what) {
        try {
            return condition.holds();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("could not tell whether " + what + ": " + e, e);
        }
    }
}
