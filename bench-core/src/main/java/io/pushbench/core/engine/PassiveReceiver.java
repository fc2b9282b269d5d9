package io.pushbench.core.engine;

import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.envelope.Envelope;
import io.pushbench.core.envelope.EnvelopeCodec;
import io.pushbench.core.spec.Workload;

/**
 * The listener of a {@link Workload#PASSIVE} connection, on a server that pushes on its own. Every
 * message counts, envelope or not; what it records:
 *
 * <ul>
 *   <li>time to the first message: from the start of the connect to the first message, once per connection;</li>
 *   <li>the gap since the connection's previous message (inter-arrival);</li>
 *   <li>when the message carries a pushbench envelope: latency from the envelope's planned and actual send
 *       time (only meaningful when the server stamps {@link System#nanoTime()} on this host, as
 *       {@code pushbench serve --rate} does), and its sequence number, so that gaps count as lost.</li>
 * </ul>
 *
 * <p>The measurement window is applied to the receive time: what the server meant to send is not
 * known. Sequence numbers are tracked relative to the first one received in the window, so a server
 * that has been publishing for days does not make the tracker large. Called on the connection's
 * I/O thread; the fields below are used by that thread only.
 */
final class PassiveReceiver extends Receiver {

    private long connectStartNanos = -1;
    private long lastReceivedNanos = -1;
    private boolean firstSeen;
    private Tracking based;
    private long baseSequence;

    PassiveReceiver(RunRecorders recorders) {
        super(recorders);
    }

    @Override
    public void onOpen(PushConnection connection, long connectNanos) {
        super.onOpen(connection, connectNanos);
        connectStartNanos = System.nanoTime() - connectNanos;
    }

    @Override
    public void onMessage(PushConnection connection, CharSequence payload, long receivedNanos) {
        Tracking t = tracking();
        RunRecorders recorders = t.recorders;
        recorders.counters.message();
        if (!firstSeen && connectStartNanos >= 0) {
            firstSeen = true;
            recorders.firstMessage.record(receivedNanos - connectStartNanos);
        }
        if (lastReceivedNanos >= 0) {
            recorders.interArrival.record(receivedNanos - lastReceivedNanos);
        }
        lastReceivedNanos = receivedNanos;
        if (!recorders.window.contains(receivedNanos)) {
            return;
        }
        if (!envelope.read(payload)) {
            recorders.counters.delivered();
            return;
        }
        recordLatency(recorders, envelope, receivedNanos);
        if (based != t) {
            based = t;
            baseSequence = envelope.sequence();
        }
        long relative = envelope.sequence() - baseSequence;
        // A sequence below the first one of the window arrived late from before it: counted, not tracked.
        if (relative < 0 || track(t, relative)) {
            recorders.counters.delivered();
        }
    }
}
