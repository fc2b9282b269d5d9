package io.pushbench.core.driver;

/** A failure on a connection, with its {@link ErrorKind} and a message fit for one line of output. */
public final class DriverException extends RuntimeException {

    private final ErrorKind kind;

    public DriverException(ErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public DriverException(ErrorKind kind, String message) {
        this(kind, message, null);
    }

    public ErrorKind kind() {
        return kind;
    }
}
