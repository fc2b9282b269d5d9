package io.pushbench.core.driver;

import javax.net.ssl.SSLException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Turns the JDK exceptions that client libraries (Jetty, OkHttp) throw or wrap into
 * {@link DriverException}s of the right {@link ErrorKind}, with one-line messages a user can act
 * on. The cause chain is searched, because libraries wrap the socket's exception in their own.
 *
 * <p>Thread-safe: stateless.
 */
public final class DriverErrors {

    private DriverErrors() {
    }

    /**
     * The failure of an attempt to open a connection to {@code target}: {@link ErrorKind#CONNECT_FAILED}
     * for an unknown host, a refused or timed-out connect, {@link ErrorKind#TLS_FAILED} for TLS,
     * otherwise as {@link #ioFailure}.
     */
    public static DriverException connectFailure(Target target, Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof DriverException driverException) {
            return driverException;
        }
        String where = target.uri().getHost() + ":" + target.port();
        if (find(cause, UnknownHostException.class) != null) {
            return new DriverException(ErrorKind.CONNECT_FAILED, "unknown host " + target.uri().getHost(), cause);
        }
        ConnectException refused = find(cause, ConnectException.class);
        if (refused != null) {
            return new DriverException(ErrorKind.CONNECT_FAILED, "cannot connect to " + where + ": "
                    + refused.getMessage() + " (is the server running?)", cause);
        }
        if (find(cause, SSLException.class) == null && (find(cause, SocketTimeoutException.class) != null
                || find(cause, TimeoutException.class) != null)) {
            return new DriverException(ErrorKind.CONNECT_FAILED, "connect to " + where + " timed out", cause);
        }
        return ioFailure(cause);
    }

    /**
     * A failure on a connection: {@link ErrorKind#TLS_FAILED} for TLS, {@link ErrorKind#TIMEOUT} for a
     * read or write timeout, {@link ErrorKind#CLOSED_BY_SERVER} for an end of stream or a closed
     * channel, otherwise {@link ErrorKind#IO}.
     */
    public static DriverException ioFailure(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof DriverException driverException) {
            return driverException;
        }
        SSLException tls = find(cause, SSLException.class);
        if (tls != null) {
            return new DriverException(ErrorKind.TLS_FAILED, "TLS failed: " + tls.getMessage()
                    + " (for a self-signed server, pass --trust-store FILE or --insecure)", cause);
        }
        if (find(cause, SocketTimeoutException.class) != null || find(cause, TimeoutException.class) != null) {
            return new DriverException(ErrorKind.TIMEOUT, "timed out: " + cause.getMessage(), cause);
        }
        if (find(cause, EOFException.class) != null || find(cause, ClosedChannelException.class) != null) {
            return new DriverException(ErrorKind.CLOSED_BY_SERVER, "the server closed the connection", cause);
        }
        return new DriverException(ErrorKind.IO, cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    }

    /**
     * An {@link ErrorKind#HTTP_STATUS} error for an answer with {@code status}: counted by that status
     * when it is a failure status (not 2xx), so that results count errors by status (401, 503, ...);
     * a 2xx answer that is wrong in another way is counted without one.
     */
    public static DriverException httpStatus(int status, String message) {
        return status >= 100 && status <= 599 && (status < 200 || status > 299)
                ? DriverException.httpStatus(status, message, null)
                : new DriverException(ErrorKind.HTTP_STATUS, message);
    }

    /** The failure a future's wrapper ({@link CompletionException}, {@link ExecutionException}) holds. */
    public static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The first throwable of type {@code type} in {@code error}'s cause chain, or null. */
    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
