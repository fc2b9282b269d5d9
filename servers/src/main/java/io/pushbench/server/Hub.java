package io.pushbench.server;

import io.pushbench.core.envelope.Envelope;
import io.pushbench.core.envelope.EnvelopeCodec;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one publisher feeding every transport: each broadcast message gets a server-wide id and is
 * handed, once, to each transport's {@link BroadcastListener}, which encodes it once for its
 * protocol and writes it to its subscribers. So one schedule is measured through every protocol.
 *
 * <p>Thread-safe. Publishing is serialized so that every subscriber sees messages in id order,
 * whichever threads publish.
 */
public final class Hub {

    /** A transport endpoint that delivers broadcasts to its subscribers. */
    public interface BroadcastListener {
        /**
         * Called with the hub's lock held: must not block (Netty writes from here only enqueue).
         *
         * @param id   server-wide message id, from 0, increasing by one per message
         * @param text the message
         */
        void onBroadcast(long id, String text);
    }

    private final List<BroadcastListener> listeners = new CopyOnWriteArrayList<>();
    private final LongAdder published = new LongAdder();
    private long nextId;

    /** Adds a transport's listener; it sees every message published from now on. */
    public void addListener(BroadcastListener listener) {
        listeners.add(listener);
    }

    /** Broadcasts {@code text} to every subscriber of every transport. */
    public synchronized long publish(String text) {
        long id = nextId++;
        for (BroadcastListener listener : listeners) {
            listener.onBroadcast(id, text);
        }
        published.increment();
        return id;
    }

    /**
     * Stamps an envelope with the actual send time, now, pads it to {@code size} bytes and
     * broadcasts it: the reference server's publisher.
     *
     * @param intendedNanos the planned publish time, {@link System#nanoTime()} scale
     */
    public long publishEnvelope(long sequence, long intendedNanos, int size) {
        Envelope envelope = new Envelope(sequence, intendedNanos, System.nanoTime());
        return publish(EnvelopeCodec.encode(envelope, size));
    }

    /** Messages published so far. */
    public long published() {
        return published.sum();
    }
}
