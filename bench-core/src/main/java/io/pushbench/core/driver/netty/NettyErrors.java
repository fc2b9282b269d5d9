package io.pushbench.core.driver.netty;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.ssl.NotSslRecordException;
import io.pushbench.core.driver.DriverErrors;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.Target;

import javax.net.ssl.SSLException;
import java.security.GeneralSecurityException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;

/** Turns Netty's exceptions into {@link DriverException}s with one-line messages a user can act on. */
public final class NettyErrors {

    private NettyErrors() {
    }

    public static DriverException connectFailure(Target target, Throwable cause) {
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

    public static DriverException handshakeFailure(WebSocketClientHandshakeException e) {
        if (e.response() != null) {
            return DriverException.httpStatus(e.response().status().code(), "WebSocket upgrade refused with HTTP "
                    + e.response().status(), e);
        }
        return new DriverException(ErrorKind.HANDSHAKE_FAILED, "WebSocket handshake failed: " + e.getMessage(), e);
    }

    /** {@code error} itself when it is (or wraps, as a future's failure does) a DriverException, else an I/O failure. */
    public static DriverException asDriverException(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof DriverException d ? d : ioFailure(cause);
    }

    /**
     * An {@link ErrorKind#HTTP_STATUS} error for an answer with {@code status} (e.g. {@code 503}),
     * counted by that status when it is a failure status; a 2xx answer that is wrong in another way
     * (its content type) is counted without one.
     */
    public static DriverException httpStatus(CharSequence status, String message) {
        int code = -1;
        if (status != null && status.length() == 3) {
            try {
                code = Integer.parseInt(status.toString());
            } catch (NumberFormatException e) {
                // Not a status code: counted as an HTTP error without one.
            }
        }
        return DriverErrors.httpStatus(code, message);
    }

    public static DriverException ioFailure(Throwable cause) {
        Throwable root = cause.getCause() instanceof SSLException ? cause.getCause() : cause;
        if (root instanceof NotSslRecordException) {
            return new DriverException(ErrorKind.TLS_FAILED, "TLS failed: the server did not answer with TLS "
                    + "(a plain-text server takes ws:// or http://; for a self-signed TLS server, pass --trust-store "
                    + "FILE or --insecure)", cause);
        }
        if (root instanceof SSLException) {
            // The JDK wraps the reason for refusing a certificate in layers whose messages name their classes.
            Throwable deepest = root;
            while (deepest.getCause() != null && deepest.getCause() != deepest) {
                deepest = deepest.getCause();
            }
            String why = deepest instanceof GeneralSecurityException
                    ? "the server's certificate is not trusted (" + deepest.getMessage() + ")"
                    : root.getMessage();
            return new DriverException(ErrorKind.TLS_FAILED, "TLS failed: " + why
                    + " (for a self-signed server, pass --trust-store FILE or --insecure)", cause);
        }
        return new DriverException(ErrorKind.IO, String.valueOf(cause.getMessage()), cause);
    }
}
