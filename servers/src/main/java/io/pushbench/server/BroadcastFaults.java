package io.pushbench.server;

/**
 * Misbehaviour the reference server can be asked for, to prove that pushbench counts what a
 * faulty server does: every {@code dropEvery}-th envelope is not published, every
 * {@code repeatEvery}-th is published twice, and every {@code swapEvery}-th is published after
 * the one following it. 0 turns a fault off. Applied by {@link Hub#publishEnvelope}, so every
 * transport sees the same faults.
 *
 * @param dropEvery   period of dropped envelopes, {@code >= 0}
 * @param repeatEvery period of repeated envelopes, {@code >= 0}
 * @param swapEvery   period of envelopes swapped with their successor, {@code >= 0}
 */
public record BroadcastFaults(int dropEvery, int repeatEvery, int swapEvery) {

    /** No faults: the default. */
    public static final BroadcastFaults NONE = new BroadcastFaults(0, 0, 0);

    public BroadcastFaults {
        if (dropEvery < 0 || repeatEvery < 0 || swapEvery < 0) {
            throw new IllegalArgumentException("fault periods must be >= 0, were drop=" + dropEvery + " repeat="
                    + repeatEvery + " swap=" + swapEvery);
        }
    }

    boolean drops(long n) {
        return hits(dropEvery, n);
    }

    boolean repeats(long n) {
        return hits(repeatEvery, n);
    }

    boolean swaps(long n) {
        return hits(swapEvery, n);
    }

    private static boolean hits(int every, long n) {
        return every > 0 && n % every == every - 1;
    }
}
