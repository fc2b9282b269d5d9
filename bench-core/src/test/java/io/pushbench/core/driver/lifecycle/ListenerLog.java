package io.pushbench.core.driver.lifecycle;

import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.PushConnection;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link ConnectionListener} that writes down every event of every connection it listens to, in
 * the order they came, and lets a test wait for one: on a condition, never for a fixed time.
 *
 * <p>Thread-safe.
 */
public final class ListenerLog implements ConnectionListener {

    /** How long a test waits for an event before it fails, seconds: far beyond any backoff. */
    static final long TIMEOUT_SECONDS = 20;

    /** What happened. */
    public enum Kind { OPEN, MESSAGE, RECONNECT, ERROR, CLOSE, SERVER }

    /**
     * One event.
     *
     * @param detail the message text, the error's kind and message, or empty
     */
    public record Event(Kind kind, int connection, String detail) {
        @Override
        public String toString() {
            return "#" + connection + " " + kind + (detail.isEmpty() ? "" : " " + detail);
        }
    }

    private final List<Event> events = new ArrayList<>();
    private final List<Long> downtimes = new CopyOnWriteArrayList<>();

    @Override
    public void onOpen(PushConnection connection, long connectNanos) {
        add(new Event(Kind.OPEN, connection.id(), ""));
    }

    @Override
    public void onMessage(PushConnection connection, CharSequence payload, long receivedNanos) {
        add(new Event(Kind.MESSAGE, connection.id(), payload.toString()));
    }

    @Override
    public void onReconnect(PushConnection connection, long downtimeNanos) {
        downtimes.add(downtimeNanos);
        add(new Event(Kind.RECONNECT, connection.id(), ""));
    }

    @Override
    public void onError(PushConnection connection, DriverException error) {
        add(new Event(Kind.ERROR, connection.id(), error.kind().id() + ": " + error.getMessage()));
    }

    @Override
    public void onClose(PushConnection connection) {
        add(new Event(Kind.CLOSE, connection.id(), ""));
    }

    /**
     * Notes something the test's server did (connection -1), so that a wait whose condition looks at
     * the server checks it again.
     */
    public void server(String what) {
        add(new Event(Kind.SERVER, -1, what));
    }

    private synchronized void add(Event event) {
        events.add(event);
        notifyAll();
    }

    /** The downtime of every reconnection so far, nanoseconds, in order. */
    public List<Long> downtimes() {
        return List.copyOf(downtimes);
    }

    /** Every event so far, in order. */
    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** The events of one connection so far, in order. */
    public synchronized List<Event> of(int connection) {
        return events.stream().filter(e -> e.connection() == connection).toList();
    }

    /** How many events of {@code kind} connection {@code connection} had so far. */
    public synchronized long count(Kind kind, int connection) {
        return events.stream().filter(e -> e.kind() == kind && e.connection() == connection).count();
    }

    /** Waits until {@code connection} had {@code count} events of {@code kind}. */
    public void await(Kind kind, int connection, int count) throws InterruptedException {
        await(all -> all.stream().filter(e -> e.kind() == kind && e.connection() == connection).count() >= count,
                count + " x " + kind + " of #" + connection);
    }

    /** Waits until the events so far satisfy {@code condition}; fails naming {@code what} and the events. */
    public synchronized void await(Predicate<List<Event>> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!condition.test(events)) {
            long left = deadline - System.nanoTime();
            assertThat(left).as("waited for " + what + "; events: " + events).isPositive();
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
