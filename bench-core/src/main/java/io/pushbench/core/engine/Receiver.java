package io.pushbench.core.engine;

import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.envelope.EnvelopeReader;
import io.pushbench.core.record.SequenceTracker;

/**
 * The engine's listener on one connection: decodes each message's envelope, records its latency
 * from the planned and from the actual send time, and tracks its sequence number.
 *
 * <p>A receiver records into the {@link RunRecorders} it is {@link #attach attached} to. A
 * connection kept across the steps of a capacity ramp is attached to each step's recorders in
 * turn, with fresh sequence tracking: a message of an earlier step that arrives late still goes
 * to that step's recorders and tracker, whose figures were already taken, and is ignored.
 *
 * <p>Called on the connection's I/O thread. The sequence tracker is read by the run's thread at
 * the end, so access to it is synchronized (uncontended while the run goes).
 *
 * <p>Receiving a message allocates nothing: the envelope is read into this receiver's own
 * {@link EnvelopeReader}, the payload (a view of the driver's bytes) is not kept, and the
 * recorders and counters record in place.
 */
class Receiver implements ConnectionListener {

    /** What the receiver records into until it is attached elsewhere: one run's recorders and sequence tracking. */
    static final class Tracking {
        final RunRecorders recorders;
        final SequenceTracker tracker;

        Tracking(RunRecorders recorders) {
            this.recorders = recorders;
            this.tracker = new SequenceTracker(recorders.senders, recorders.expectedSequences());
        }
    }

    private volatile Tracking tracking;
    /** The envelope of the message being received; used on the I/O thread only. */
    final EnvelopeReader envelope = new EnvelopeReader();
    private volatile boolean closed;
    private volatile boolean dropped;

    Receiver(RunRecorders recorders) {
        this.tracking = new Tracking(recorders);
    }

    /**
     * Records into {@code recorders} from now on, with fresh sequence tracking, and forgets that
     * the connection was dropped before. Called by the run's thread between runs.
     */
    void attach(RunRecorders recorders) {
        if (tracking.recorders != recorders) {
            tracking = new Tracking(recorders);
        }
        dropped = false;
    }

    /** The current tracking; read once per event so that one message stays with one run. */
    final Tracking tracking() {
        return tracking;
    }

    @Override
    public void onOpen(PushConnection connection, long connectNanos) {
        tracking.recorders.connect.record(connectNanos);
    }

    @Override
    public void onMessage(PushConnection connection, CharSequence payload, long receivedNanos) {
        Tracking t = tracking;
        RunRecorders recorders = t.recorders;
        recorders.counters.message();
        if (!envelope.read(payload)) {
            recorders.counters.error(ErrorKind.UNDECODABLE);
            return;
        }
        ShardView shard = recorders.shardView;
        if (shard != null && shard.foreign(envelope.sequence())) {
            // Stamped on another shard's clock: counted by its sequence number, never measured here.
            if (shard.measured(envelope.sequence()) && track(t, envelope.sequence())) {
                recorders.counters.delivered();
            }
            return;
        }
        if (!recorders.window.contains(envelope.intendedNanos())) {
            return;
        }
        recordLatency(recorders, envelope, receivedNanos);
        if (track(t, envelope.sequence())) {
            recorders.counters.delivered();
            FanOutSpread spread = recorders.spread();
            if (spread != null) {
                spread.onReceived(envelope.sequence(), receivedNanos);
            }
        }
    }

    /** Records the latency from the planned and from the actual send time of the envelope just read. */
    static void recordLatency(RunRecorders recorders, EnvelopeReader envelope, long receivedNanos) {
        recorders.corrected.record(receivedNanos - envelope.intendedNanos());
        recorders.uncorrected.record(receivedNanos - envelope.sentNanos());
    }

    /** Notes a sequence number; true when it was not seen before. */
    static boolean track(Tracking t, long sequence) {
        synchronized (t) {
            long before = t.tracker.received();
            t.tracker.onSequence(sequence);
            return t.tracker.received() > before;
        }
    }

    @Override
    public void onReconnect(PushConnection connection, long downtimeNanos) {
        Tracking t = tracking;
        t.recorders.downtime.record(downtimeNanos);
        synchronized (t) {
            t.tracker.onReconnect();
        }
    }

    @Override
    public void onHeartbeat(PushConnection connection, long roundTripNanos) {
        tracking.recorders.heartbeat.record(roundTripNanos);
    }

    @Override
    public void onError(PushConnection connection, DriverException error) {
        if (error.kind() == ErrorKind.CLOSED_BY_SERVER) {
            dropped = true;
        }
        tracking.recorders.counters.error(error);
    }

    @Override
    public void onClose(PushConnection connection) {
        dropped = true;
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }

    /** Whether the connection was lost (closed, or dropped by the server) since it was last attached. */
    boolean wasDropped() {
        return dropped;
    }

    long received() {
        Tracking t = tracking;
        synchronized (t) {
            return t.tracker.received();
        }
    }

    long duplicated() {
        Tracking t = tracking;
        synchronized (t) {
            return t.tracker.duplicated();
        }
    }

    long outOfOrder() {
        Tracking t = tracking;
        synchronized (t) {
            return t.tracker.outOfOrder();
        }
    }

    long lostIn(long from, long to) {
        Tracking t = tracking;
        synchronized (t) {
            return t.tracker.lostIn(from, to);
        }
    }

    /** Sequence numbers in {@code [from, to)} never received that lie in a reconnection's gap. */
    long lostInGapsIn(long from, long to) {
        Tracking t = tracking;
        synchronized (t) {
            return t.tracker.lostInGaps(from, to);
        }
    }

    /** Of the sequence numbers from 0 up to the highest received, those in a reconnection's gap never received. */
    long missingInGapsBelowHighest() {
        Tracking t = tracking;
        synchronized (t) {
            return t.tracker.lostInGaps(0, t.tracker.highest() + 1);
        }
    }

    /** Sequence numbers from 0 up to the highest received that never arrived. */
    long missingBelowHighest() {
        Tracking t = tracking;
        synchronized (t) {
            return t.tracker.lostIn(0, t.tracker.highest() + 1);
        }
    }
}
