package io.pushbench.core.engine;

import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.envelope.Envelope;
import io.pushbench.core.envelope.EnvelopeCodec;
import io.pushbench.core.record.LatencyRecorder;
import io.pushbench.core.record.SequenceTracker;

/**
 * The engine's listener on one connection: decodes each message's envelope, records its latency
 * from the planned and from the actual send time, and tracks its sequence number.
 *
 * <p>Called on the connection's I/O thread. The sequence tracker is read by the run's thread at
 * the end, so access to it is synchronized (uncontended while the run goes).
 */
class Receiver implements ConnectionListener {

    private final LatencyRecorder corrected;
    private final LatencyRecorder uncorrected;
    private final LatencyRecorder connect;
    private final MeasurementWindow window;
    private final RunCounters counters;
    private final SequenceTracker tracker = new SequenceTracker();
    private volatile boolean closed;

    Receiver(LatencyRecorder corrected, LatencyRecorder uncorrected, LatencyRecorder connect,
             MeasurementWindow window, RunCounters counters) {
        this.corrected = corrected;
        this.uncorrected = uncorrected;
        this.connect = connect;
        this.window = window;
        this.counters = counters;
    }

    @Override
    public void onOpen(PushConnection connection, long connectNanos) {
        connect.record(connectNanos);
    }

    @Override
    public void onMessage(PushConnection connection, CharSequence payload, long receivedNanos) {
        Envelope envelope = EnvelopeCodec.decode(payload);
        if (envelope == null) {
            counters.error(ErrorKind.UNDECODABLE);
            return;
        }
        if (!window.contains(envelope.intendedNanos())) {
            return;
        }
        corrected.record(receivedNanos - envelope.intendedNanos());
        uncorrected.record(receivedNanos - envelope.sentNanos());
        boolean fresh;
        synchronized (this) {
            long before = tracker.received();
            tracker.onSequence(envelope.sequence());
            fresh = tracker.received() > before;
        }
        if (fresh) {
            counters.delivered();
            onDelivered(connection, envelope, receivedNanos);
        }
    }

    /** Hook for workloads that act on a reply (the closed model sends its next message here). */
    void onDelivered(PushConnection connection, Envelope envelope, long receivedNanos) {
    }

    @Override
    public void onError(PushConnection connection, DriverException error) {
        counters.error(error);
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
