package io.pushbench.core.driver;

/** A failure on a connection, with its {@link ErrorKind} and a message fit for one line of output. */
public final class DriverException extends RuntimeException {

    private final ErrorKind kind;
    private final int httpStatus;

    public DriverException(ErrorKind kind, String message, Throwable cause) {
        this(kind, message, cause, 0);
    }

    public DriverException(ErrorKind kind, String message) {
        this(kind, message, null, 0);
    }

    private DriverException(ErrorKind kind, String message, Throwable cause, int httpStatus) {
        super(message, cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
    }

    /**
     * An {@link ErrorKind#HTTP_STATUS} error that names the status the server answered, so that
     * results can count errors by status (401, 404, 503, ...).
     *
     * @param status the HTTP status code, 100 .. 599
     */
    public static DriverException httpStatus(int status, String message, Throwable cause) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be between 100 and 599, was " + status);
        }
        return new DriverException(ErrorKind.HTTP_STATUS, message, cause, status);
    }

    /** The same error (kind, status, cause) with {@code context} before its message, e.g. where it happened. */
    public DriverException withContext(String context) {
        return new DriverException(kind, context + getMessage(), this, httpStatus);
    }

    public ErrorKind kind() {
        return kind;
    }

    /** The HTTP status of an {@link ErrorKind#HTTP_STATUS} error made by {@link #httpStatus}; 0 when not known. */
    public int httpStatus() {
        return httpStatus;
    }
}
