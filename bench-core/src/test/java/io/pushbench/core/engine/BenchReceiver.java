package io.pushbench.core.engine;

import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.spec.Workload;

import java.util.concurrent.CompletableFuture;

/**
 * The engine's receiving end of one broadcast subscriber, for benchmarks outside this package: a
 * real {@link Receiver} on real {@link RunRecorders}, every message inside the measurement window,
 * sequence tracking sized up front as a planned run sizes it, and fan-out spread tracked.
 *
 * <p>Not thread-safe: fed by one thread, as a connection's receiver is.
 */
public final class BenchReceiver {

    private final RunRecorders recorders = new RunRecorders(Workload.BROADCAST);
    private final Receiver receiver;

    /** @param plannedMessages the sequence numbers {@code [0, plannedMessages)} the run plans, as {@link SendPlan#endExclusive()} */
    public BenchReceiver(long plannedMessages) {
        recorders.window.set(Long.MIN_VALUE, Long.MAX_VALUE);
        recorders.expectSequences(plannedMessages);
        recorders.trackSpread(0, plannedMessages);
        receiver = new Receiver(recorders);
    }

    /** The receiver, to be handed what a driver decoded. */
    public ConnectionListener listener() {
        return receiver;
    }

    /** A connection for the listener's calls; the receiver does not look at it. */
    public PushConnection connection() {
        return Unconnected.INSTANCE;
    }

    /** Messages received, decodable or not. */
    public long messages() {
        return recorders.counters.messages();
    }

    /** Messages recorded as delivered: decoded, inside the window, not seen before. */
    public long delivered() {
        return recorders.counters.deliveredInWindow();
    }

    /** Errors counted, undecodable messages included. */
    public long errors() {
        return recorders.counters.errorTotal();
    }

    private enum Unconnected implements PushConnection {
        INSTANCE;

        @Override
        public int id() {
            return 0;
        }

        @Override
        public CompletableFuture<Void> send(String message) {
            throw new UnsupportedOperationException("a benchmark connection does not send");
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
