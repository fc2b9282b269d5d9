package io.pushbench.core.engine;

import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.envelope.Envelope;
import io.pushbench.core.envelope.EnvelopeCodec;
import io.pushbench.core.spec.LoadModel;
import io.pushbench.core.spec.RunSpec;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The closed model for echo: every connection sends one message, waits for its reply, waits the
 * think time, and sends the next. There is no plan, so each message's "intended" time is its
 * actual send time and corrected and uncorrected round trips are the same: a closed loop
 * cannot see coordinated omission, which is why it is not the default.
 */
final class ClosedLoop {

    private final Map<PushConnection, Replier> connections;
    private final RunSpec spec;
    private final MeasurementWindow window;
    private final RunCounters counters;
    private final long thinkNanos;
    private final AtomicLong nextSequence = new AtomicLong();
    private final ScheduledExecutorService thinkTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "think-timer");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean running;
    private volatile long startNanos;

    ClosedLoop(Map<PushConnection, Replier> connections, RunSpec spec, MeasurementWindow window,
               RunCounters counters) {
        this.connections = connections;
        this.spec = spec;
        this.window = window;
        this.counters = counters;
        this.thinkNanos = ((LoadModel.Closed) spec.load()).thinkTime().toNanos();
    }

    /** Starts every connection's loop at {@code startNanos}. */
    void start(long startNanos) {
        this.startNanos = startNanos;
        running = true;
        connections.forEach((connection, replier) -> {
            replier.loop = this;
            thinkTimer.schedule(() -> sendNext(connection), startNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        });
    }

    /** Stops sending; replies still in flight are recorded. */
    void stop() {
        running = false;
        thinkTimer.shutdownNow();
    }

    private void sendNext(PushConnection connection) {
        long now = System.nanoTime();
        if (!running || now >= window.endNanos()) {
            return;
        }
        if (window.contains(now)) {
            counters.sent();
        }
        Envelope envelope = new Envelope(nextSequence.getAndIncrement(), now, now);
        connection.send(EnvelopeCodec.encode(envelope, spec.messageSize()));
    }

    private void onReply(PushConnection connection) {
        if (!running) {
            return;
        }
        if (thinkNanos == 0) {
            sendNext(connection);
        } else {
            thinkTimer.schedule(() -> sendNext(connection), thinkNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** A receiver that keeps its connection's loop going. */
    static final class Replier extends Receiver {
        private volatile ClosedLoop loop;

        Replier(RunRecorders recorders) {
            super(recorders);
        }

        @Override
        public void onMessage(PushConnection connection, CharSequence payload, long receivedNanos) {
            super.onMessage(connection, payload, receivedNanos);
            ClosedLoop current = loop;
            if (current != null) {
                current.onReply(connection);
            }
        }
    }
}
