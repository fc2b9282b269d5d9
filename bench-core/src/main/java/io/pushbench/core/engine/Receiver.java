package io.pushbench.core.engine;

import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.envelope.Envelope;
import io.pushbench.core.envelope.EnvelopeCodec;
import io.pushbench.core.record.SequenceTracker;

/**
 * The engine's listener on one connection: decodes each message's envelope, records its latency
 * from the planned and from the actual send time, and tracks its sequence number.
 *
 * <p>Called on the connection's I/O thread. The sequence tracker is read by the run's thread at
 * the end, so access to it is synchronized (uncontended while the run goes).
 */
class Receiver implements ConnectionListener {

    private final RunRecorders recorders;
    private final SequenceTracker tracker = new SequenceTracker();
    private volatile boolean closed;

    Receiver(RunRecorders recorders) {
        this.recorders = recorders;
    }

    @Override
    public void onOpen(PushConnection connection, long connectNanos) {
        recorders.connect.record(connectNanos);
    }

    @Override
    public void onMessage(PushConnection connection, CharSequence payload, long receivedNanos) {
        Envelope envelope = EnvelopeCodec.decode(payload);
        if (envelope == null) {
            recorders.counters.error(ErrorKind.UNDECODABLE);
            return;
        }
        if (!recorders.window.contains(envelope.intendedNanos())) {
            return;
        }
        recorders.corrected.record(receivedNanos - envelope.intendedNanos());
        recorders.uncorrected.record(receivedNanos - envelope.sentNanos());
        boolean fresh;
        synchronized (this) {
            long before = tracker.received();
            tracker.onSequence(envelope.sequence());
            fresh = tracker.received() > before;
        }
        if (fresh) {
            recorders.counters.delivered();
            FanOutSpread spread = recorders.spread();
            if (spread != null) {
                spread.onReceived(envelope.sequence(), receivedNanos);
            }
        }
    }

    @Override
    public void onReconnect(PushConnection connection, long downtimeNanos) {
        recorders.downtime.record(downtimeNanos);
    }

    @Override
    public void onHeartbeat(PushConnection connection, long roundTripNanos) {
        recorders.heartbeat.record(roundTripNanos);
    }

    @Override
    public void onError(PushConnection connection, DriverException error) {
        recorders.counters.error(error);
    }

    @Override
    public void onClose(PushConnection connection) {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }

    synchronized long received() {
        return tracker.received();
    }

    synchronized long duplicated() {
        return tracker.duplicated();
    }

    synchronized long outOfOrder() {
        return tracker.outOfOrder();
    }

    synchronized long lostIn(long from, long to) {
        return tracker.lostIn(from, to);
    }
}
