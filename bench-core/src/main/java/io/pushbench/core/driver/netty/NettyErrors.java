package io.pushbench.core.driver.netty;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.ssl.NotSslRecordException;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.Target;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;

/** Turns Netty's exceptions into {@link DriverException}s with one-line messages a user can act on. */
final class NettyErrors {

    private NettyErrors() {
    }

    static DriverException connectFailure(Target target, Throwable cause) {
        String where = target.uri().getHost() + ":" + target.port();
        if (cause instanceof UnknownHostException) {
            return new DriverException(ErrorKind.CONNECT_FAILED, "unknown host " + target.uri().getHost(), cause);
        }
        if (cause instanceof ConnectTimeoutException) {
            return new DriverException(ErrorKind.CONNECT_FAILED, "connect to " + where + " timed out", cause);
        }
        if (cause instanceof ConnectException) {
            return new DriverException(ErrorKind.CONNECT_FAILED, "connection refused by " + where
                    + " (is the server running?)", cause);
        }
        return new DriverException(ErrorKind.CONNECT_FAILED, "cannot connect to " + where + ": "
                + cause.getMessage(), cause);
    }

    static DriverException handshakeFailure(WebSocketClientHandshakeException e) {
        if (e.response() != null) {
            return new DriverException(ErrorKind.HTTP_STATUS, "WebSocket upgrade refused with HTTP "
                    + e.response().status(), e);
        }
        return new DriverException(ErrorKind.HANDSHAKE_FAILED, "WebSocket handshake failed: " + e.getMessage(), e);
    }

    /** {@code error} itself when it is (or wraps, as a future's failure does) a DriverException, else an I/O failure. */
    static DriverException asDriverException(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof DriverException d ? d : ioFailure(cause);
    }

    static DriverException ioFailure(Throwable cause) {
        Throwable root = cause.getCause() instanceof SSLException ? cause.getCause() : cause;
        if (root instanceof SSLException || root instanceof NotSslRecordException) {
            return new DriverException(ErrorKind.TLS_FAILED, "TLS failed: " + root.getMessage()
                    + " (for a self-signed server, pass --trust-store FILE or --insecure)", cause);
        }
        return new DriverException(ErrorKind.IO, String.valueOf(cause.getMessage()), cause);
    }
}
