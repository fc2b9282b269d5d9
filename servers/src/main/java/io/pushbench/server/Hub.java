package io.pushbench.server;

import io.pushbench.core.envelope.Envelope;
import io.pushbench.core.envelope.EnvelopeCodec;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one publisher feeding every transport: each broadcast message gets a server-wide id and is
 * handed, once, to each transport's {@link BroadcastListener}, which encodes it once for its
 * protocol and writes it to its subscribers. So one schedule is measured through every protocol.
 *
 * <p>Thread-safe. Publishing is serialized so that every subscriber sees messages in id order,
 * whichever threads publish.
 */
public final class Hub implements AutoCloseable {

    /** A transport endpoint that delivers broadcasts to its subscribers. */
    public interface BroadcastListener {
        /**
         * Called with the hub's lock held, in id order: must not block. Endpoints hand the message
         * to their subscribers' event loops ({@link BroadcastFanOut}) or keep it for polls; a
         * publisher on an event loop writes that loop's subscribers at once.
         *
         * @param id   server-wide message id, from 0, increasing by one per message
         * @param text the message
         */
        void onBroadcast(long id, String text);
    }

    private final List<BroadcastListener> listeners = new CopyOnWriteArrayList<>();
    private final LongAdder published = new LongAdder();
    private final long delayNanos;
    private final BroadcastFaults faults;
    private final ScheduledExecutorService delayer;
    private long nextId;
    private long envelopes;
    private String swapped;

    /** A hub that delivers at once and faithfully. */
    public Hub() {
        this(Duration.ZERO, BroadcastFaults.NONE);
    }

    /**
     * @param delay  added before every message is handed to the transports (calibration: a known
     *               shift every measured latency must show), {@code >= 0}
     * @param faults misbehaviour to inject into published envelopes
     */
    public Hub(Duration delay, BroadcastFaults faults) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must be >= 0, was " + delay);
        }
        this.delayNanos = delay.toNanos();
        this.faults = faults;
        // Named "server-..." so its CPU time counts as the server's.
        this.delayer = delayNanos == 0 ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "server-delay");
            t.setDaemon(true);
            return t;
        });
    }

    /** Adds a transport's listener; it sees every message published from now on. */
    public void addListener(BroadcastListener listener) {
        listeners.add(listener);
    }

    /**
     * Broadcasts {@code text} to every subscriber of every transport, after the configured delay.
     * Messages keep their order: delayed ones are handed over by one thread in the order published.
     */
    public void publish(String text) {
        if (delayer == null) {
            deliver(text);
        } else {
            delayer.schedule(() -> deliver(text), delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private synchronized void deliver(String text) {
        long id = nextId++;
        for (BroadcastListener listener : listeners) {
            listener.onBroadcast(id, text);
        }
        published.increment();
    }

    /**
     * Stamps an envelope with the actual send time, now, pads it to {@code size} bytes and
     * broadcasts it: the reference server's publisher. Faults, if configured, apply here.
     *
     * @param intendedNanos the planned publish time, {@link System#nanoTime()} scale
     */
    public synchronized void publishEnvelope(long sequence, long intendedNanos, int size) {
        Envelope envelope = new Envelope(sequence, intendedNanos, System.nanoTime());
        String text = EnvelopeCodec.encode(envelope, size);
        long n = envelopes++;
        if (faults.drops(n)) {
            return;
        }
        if (faults.swaps(n) && swapped == null) {
            swapped = text;
            return;
        }
        publish(text);
        if (faults.repeats(n)) {
            publish(text);
        }
        if (swapped != null) {
            publish(swapped);
            swapped = null;
        }
    }

    /** Messages handed to the transports so far. */
    public long published() {
        return published.sum();
    }

    /** Stops the delay thread, if any; messages still delayed are not delivered. */
    @Override
    public void close() {
        if (delayer != null) {
            delayer.shutdownNow();
        }
    }
}
