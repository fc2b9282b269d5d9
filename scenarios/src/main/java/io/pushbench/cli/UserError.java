package io.pushbench.cli;

/** A failure the user can act on: printed as one line, no stack trace. */
final class UserError extends RuntimeException {

    private final int exitCode;

    UserError(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** A bad option value: exit {@value PushBench#EXIT_USAGE}. */
    static UserError usage(String message) {
        return new UserError(message, PushBench.EXIT_USAGE);
    }

    /** A run that could not be done: exit {@value PushBench#EXIT_FAILURE}. */
    static UserError failure(String message) {
        return new UserError(message, PushBench.EXIT_FAILURE);
    }

    int exitCode() {
        return exitCode;
    }
}
