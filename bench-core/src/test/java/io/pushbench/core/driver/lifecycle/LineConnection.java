package io.pushbench.core.driver.lifecycle;

import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverErrors;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.Target;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * The smallest transport on the {@link ReconnectingConnection} base, over a plain blocking socket,
 * to test the base alone: each attempt connects, sends a request head for the target's path, and
 * reads lines on a thread of its own. The line {@code open} makes it receive; any other line is a
 * message; the end of the stream ends the attempt. Aborting closes the socket.
 */
final class LineConnection extends ReconnectingConnection {

    private volatile Socket socket;

    LineConnection(int id, Target target, ConnectionListener listener, ReconnectPolicy policy) {
        super(id, target, listener, policy);
    }

    @Override
    protected void attempt() {
        Socket s = new Socket();
        socket = s;
        Thread reader = new Thread(() -> run(s), "line-connection-" + id());
        reader.setDaemon(true);
        reader.start();
    }

    private void run(Socket s) {
        boolean connected = false;
        try {
            s.connect(new InetSocketAddress(target().uri().getHost(), target().port()));
            connected = true;
            s.getOutputStream().write(("GET " + target().uri().getRawPath() + " HTTP/1.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals("open")) {
                    receiving();
                } else {
                    listener().onMessage(this, line, System.nanoTime());
                }
            }
            attemptEnded(new DriverException(ErrorKind.CLOSED_BY_SERVER, "the server closed the connection"));
        } catch (IOException e) {
            attemptEnded(connected ? DriverErrors.ioFailure(e) : DriverErrors.connectFailure(target(), e));
        }
    }

    @Override
    protected void abort() {
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // Closed already.
            }
        }
    }

    @Override
    public CompletableFuture<Void> send(String message) {
        return CompletableFuture.failedFuture(new DriverException(ErrorKind.PROTOCOL, "this test transport receives only"));
    }
}
