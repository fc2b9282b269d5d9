package io.pushbench.core.driver.okhttp;

import io.pushbench.core.record.WireCounter;

import javax.net.SocketFactory;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;

/**
 * Makes plain TCP sockets whose streams count the bytes read and written, for OkHttp's
 * {@code socketFactory}: OkHttp reads and writes every connection (TLS records included, as TLS
 * is layered on this socket) through them, so the count is what crossed the socket. Also counts
 * the TCP connections that were made, into the same counter.
 *
 * <p>Thread-safe.
 */
public final class WireCountingSocketFactory extends SocketFactory {

    private final WireCounter wire;

    public WireCountingSocketFactory(WireCounter wire) {
        this.wire = wire;
    }

    @Override
    public Socket createSocket() {
        return new CountingSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        throw unconnectedOnly();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        throw unconnectedOnly();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        throw unconnectedOnly();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        throw unconnectedOnly();
    }

    /** OkHttp creates unconnected sockets and connects them itself; the other forms are never used. */
    private static IOException unconnectedOnly() {
        return new IOException("only unconnected sockets are made here");
    }

    /** A socket whose streams add to the factory's counters. */
    private final class CountingSocket extends Socket {

        private InputStream in;
        private OutputStream out;

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            super.connect(endpoint, timeout);
            wire.connectionOpened();
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int read() throws IOException {
                        int b = super.read();
                        if (b >= 0) {
                            wire.addRead(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int read = super.read(buffer, offset, length);
                        if (read > 0) {
                            wire.addRead(read);
                        }
                        return read;
                    }
                };
            }
            return in;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                out = new FilterOutputStream(super.getOutputStream()) {
                    @Override
                    public void write(int b) throws IOException {
                        out.write(b);
                        wire.addWritten(1);
                    }

                    @Override
                    public void write(byte[] buffer, int offset, int length) throws IOException {
                        out.write(buffer, offset, length);
                        wire.addWritten(length);
                    }
                };
            }
            return out;
        }
    }
}
