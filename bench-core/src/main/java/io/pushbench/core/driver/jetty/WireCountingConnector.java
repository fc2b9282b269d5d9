package io.pushbench.core.driver.jetty;

import io.pushbench.core.record.WireCounter;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A Jetty {@link ClientConnector} whose TCP end points count the bytes they read from and write
 * to the socket: below TLS, HTTP/1.1, HTTP/2 and WebSocket framing, so the count is exactly what
 * crossed the kernel's socket, as {@code WireCountingHandler} counts it for Netty. Also counts the
 * TCP connections it opened, into the same counter.
 *
 * <p>Thread-safe; the counters are shared by every end point of the connector.
 */
public final class WireCountingConnector extends ClientConnector {

    private final WireCounter wire;

    public WireCountingConnector(WireCounter wire) {
        this.wire = wire;
    }

    @Override
    protected EndPoint newEndPoint(SelectableChannel channel, ManagedSelector selector, SelectionKey key) {
        if (!(channel instanceof SocketChannel socket)) {
            return super.newEndPoint(channel, selector, key);
        }
        wire.connectionOpened();
        return new CountingEndPoint(socket, selector, key, this);
    }

    /** A TCP end point that adds what each fill and flush moved to the connector's counter. */
    private static final class CountingEndPoint extends SocketChannelEndPoint {

        private final WireCounter wire;

        CountingEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key,
                         WireCountingConnector connector) {
            super(channel, selector, key, connector.getScheduler());
            this.wire = connector.wire;
        }

        @Override
        public int fill(ByteBuffer buffer) throws IOException {
            int read = super.fill(buffer);
            if (read > 0) {
                wire.addRead(read);
            }
            return read;
        }

        @Override
        public boolean flush(ByteBuffer... buffers) throws IOException {
            long before = remaining(buffers);
            try {
                return super.flush(buffers);
            } finally {
                wire.addWritten(before - remaining(buffers));
            }
        }

        private static long remaining(ByteBuffer[] buffers) {
            long sum = 0;
            for (ByteBuffer b : buffers) {
                if (b != null) {
                    sum += b.remaining();
                }
            }
            return sum;
        }
    }
}
