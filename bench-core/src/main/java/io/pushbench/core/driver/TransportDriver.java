package io.pushbench.core.driver;

import io.pushbench.core.record.WireCounter;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Speaks one {@link Transport} with one {@link ClientStack}: the transport SPI.
 *
 * <p>A driver opens connections to a {@link Target}, hands every received message to the
 * connection's {@link ConnectionListener} with the receive time read as early as its stack
 * allows (for Netty drivers, on the I/O thread where the message is decoded), sends
 * messages upstream, and reports lifecycle and errors as listener events: a driver never
 * prints. One driver instance serves every connection of a run and owns the I/O threads
 * they share; {@link #close()} releases them.
 *
 * <p>Implementations are thread-safe: {@link #connect} may be called from any thread.
 */
public interface TransportDriver extends AutoCloseable {

    Transport transport();

    ClientStack stack();

    /**
     * Opens one connection (for SSE over HTTP/2: one stream, on a connection the driver may share).
     * The future completes when the connection can receive (after the WebSocket handshake,
     * the SSE response headers, or the first poll being sent), or completes exceptionally
     * with a {@link DriverException} saying what failed; the listener also receives
     * {@link ConnectionListener#onError} for it.
     */
    CompletableFuture<PushConnection> connect(Target target, ConnectionListener listener);

    /** Bytes this driver's connections have read and written at the socket, headers and handshakes included. */
    WireCounter wire();

    /** TCP connections the driver has opened so far (for HTTP/2, fewer than streams). */
    long tcpConnectionsOpened();

    /**
     * The event loops whose threads read this driver's connections, for the self-check to probe how late
     * they run: a task scheduled on one runs on the thread that reads. Empty (the default) when the stack
     * does not expose them.
     */
    default Iterable<? extends ScheduledExecutorService> ioLoops() {
        return List.of();
    }

    /**
     * What a browser measured inside its pages (clock error bound, subscriptions held back, cost on the page),
     * read at the end of a run; null (the default) for the stacks that are not a browser.
     */
    default BrowserFigures browserFigures() {
        return null;
    }

    /**
     * CPU time used so far by the processes outside this JVM that the stack's clients run in (a
     * browser's whole process tree), nanoseconds; 0 (the default) for the stacks that run in this
     * process. The engine charges the measured phase's share to the generator, so that a browser
     * row's cost per message is the browser's, not only that of the JVM relaying its records.
     */
    default long outsideCpuNanos() {
        return 0;
    }

    /** Closes every connection and releases the I/O threads; waits for them to stop. */
    @Override
    void close();
}
