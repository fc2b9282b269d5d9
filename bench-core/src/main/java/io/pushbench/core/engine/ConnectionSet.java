package io.pushbench.core.engine;

import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.spec.Workload;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The connections of a run, opened through one driver to one target, each with its
 * {@link Receiver}. A {@link TransportRun} opens a set of its own and closes it at its end; a
 * {@link CapacityRun} keeps one set across its steps and {@link #growTo grows} it, so that a
 * connection ramp adds connections instead of reconnecting everyone.
 *
 * <p>Opening is paced so that a large set does not flood the target's listen queue: at most
 * {@value #MAX_CONNECTS_IN_FLIGHT} attempts are in flight at once and, when a connect rate is
 * given, attempts start on a schedule of that many per second.
 *
 * <p>Thread-safety: {@link #growTo}, {@link #attach} and {@link #close} are called by the run's
 * thread; the counts and {@link #stop} may be called from any thread.
 */
final class ConnectionSet {

    /** How many connection attempts may be in flight at once. */
    static final int MAX_CONNECTS_IN_FLIGHT = 256;
    /** How long, after the last attempt started, the attempts may take before the rest count as failed. */
    static final long CONNECT_TIMEOUT_SECONDS = 30;

    private final TransportDriver driver;
    private final Target target;
    private final Function<RunRecorders, Receiver> newReceiver;
    private final double connectsPerSecond;
    private final List<PushConnection> connections = new ArrayList<>();
    private final List<Receiver> receivers = new ArrayList<>();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    /** Connections of a {@link #growTo} in progress that opened so far, not yet in {@link #connections}. */
    private final AtomicInteger growing = new AtomicInteger();
    private volatile boolean stopped;

    /**
     * @param newReceiver       makes the listener of a new connection, recording into the given recorders
     * @param connectsPerSecond most connection attempts started per second; 0 for no limit but the in-flight one
     */
    ConnectionSet(TransportDriver driver, Target target, Function<RunRecorders, Receiver> newReceiver,
                  double connectsPerSecond) {
        this.driver = driver;
        this.target = target;
        this.newReceiver = newReceiver;
        this.connectsPerSecond = connectsPerSecond;
    }

    /** The listener a run's connections get: plain, closed-loop or passive. */
    static Function<RunRecorders, Receiver> receiversFor(RunSpec spec) {
        if (spec.workload() == Workload.PASSIVE) {
            return PassiveReceiver::new;
        }
        return spec.load().isOpen() ? Receiver::new : ClosedLoop.Replier::new;
    }

    /**
     * Opens connections until the set holds {@code count}, or the attempts for the missing ones
     * failed; new connections record into {@code recorders}. Returns when every attempt completed
     * or timed out ({@value #CONNECT_TIMEOUT_SECONDS} s after the last one started), or soon after
     * {@link #stop}.
     *
     * @return attempts that failed
     */
    long growTo(int count, RunRecorders recorders) throws InterruptedException {
        int wanted;
        synchronized (this) {
            wanted = count - connections.size();
        }
        if (wanted <= 0) {
            return 0;
        }
        Semaphore inFlight = new Semaphore(MAX_CONNECTS_IN_FLIGHT);
        List<CompletableFuture<PushConnection>> attempts = new ArrayList<>(wanted);
        List<Receiver> started = new ArrayList<>(wanted);
        long start = System.nanoTime();
        for (int i = 0; i < wanted && !stopped; i++) {
            if (connectsPerSecond > 0) {
                sleepUntil(start + Math.round(i * 1e9 / connectsPerSecond));
            }
            while (!stopped && !inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                // Waiting for a slot; checking for stop() now and then.
            }
            if (stopped) {
                break;
            }
            Receiver receiver = newReceiver.apply(recorders);
            CompletableFuture<PushConnection> attempt = driver.connect(target, receiver);
            attempt.whenComplete((connection, error) -> {
                inFlight.release();
                if (error != null) {
                    noteFailure(error);
                } else {
                    growing.incrementAndGet();
                }
            });
            attempts.add(attempt);
            started.add(receiver);
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CONNECT_TIMEOUT_SECONDS);
        while (!all.isDone() && !stopped && System.nanoTime() < deadline) {
            try {
                all.get(100, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // Failed attempts are counted below; the run goes on with the connections that opened.
            }
        }
        long failed = 0;
        synchronized (this) {
            for (int i = 0; i < attempts.size(); i++) {
                CompletableFuture<PushConnection> attempt = attempts.get(i);
                if (attempt.isDone() && !attempt.isCompletedExceptionally()) {
                    connections.add(attempt.join());
                    receivers.add(started.get(i));
                    // Not set to 0: an attempt's own callback may run after allOf's (callbacks run last-in first-out).
                    growing.decrementAndGet();
                } else {
                    if (attempt.isCompletedExceptionally()) {
                        // Noted here too: its own callback may not have run yet, and the caller reads the failure next.
                        attempt.handle((connection, error) -> {
                            noteFailure(error);
                            return null;
                        });
                    }
                    attempt.cancel(false);
                    failed++;
                }
            }
        }
        return failed;
    }

    private void noteFailure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (!(cause instanceof CancellationException)) {
            firstFailure.compareAndSet(null, String.valueOf(cause.getMessage()));
        }
    }

    /** Every receiver records into {@code recorders} from now on, with fresh sequence tracking. */
    synchronized void attach(RunRecorders recorders) {
        receivers.forEach(r -> r.attach(recorders));
    }

    /** The connections held, in the order they opened; a copy. */
    synchronized List<PushConnection> connections() {
        return List.copyOf(connections);
    }

    /** The receivers of {@link #connections()}, in the same order; a copy. */
    synchronized List<Receiver> receivers() {
        return List.copyOf(receivers);
    }

    /** Connections held (opened and not closed by us). */
    synchronized int size() {
        return connections.size();
    }

    /** Connections open now, those of a {@link #growTo} in progress included. */
    synchronized int openCount() {
        int open = growing.get();
        for (PushConnection c : connections) {
            if (c.isOpen()) {
                open++;
            }
        }
        return open;
    }

    /** Connections open now that were not lost since their receivers were last attached. */
    synchronized int heldCount() {
        int held = 0;
        for (int i = 0; i < connections.size(); i++) {
            if (connections.get(i).isOpen() && !receivers.get(i).wasDropped()) {
                held++;
            }
        }
        return held;
    }

    /** The message of the first failed connection attempt, or null. */
    String firstFailure() {
        return firstFailure.get();
    }

    /** Makes a {@link #growTo} in progress start no more attempts. Safe from any thread. */
    void stop() {
        stopped = true;
    }

    /** Closes every connection and waits up to two seconds for them to report closed. */
    void close() throws InterruptedException {
        List<PushConnection> toClose;
        List<Receiver> toWait;
        synchronized (this) {
            toClose = List.copyOf(connections);
            toWait = List.copyOf(receivers);
            connections.clear();
            receivers.clear();
        }
        toClose.forEach(PushConnection::close);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (toWait.stream().anyMatch(r -> !r.isClosed()) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private void sleepUntil(long nanoTime) throws InterruptedException {
        long remaining;
        while (!stopped && (remaining = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(100)));
        }
    }
}
