package io.pushbench.report;

/**
 * A result directory that cannot be rendered: missing, without {@code result.json}, with malformed
 * JSON, or with a histogram log missing. The message is one line naming the file and what is wrong,
 * fit to be shown to the user as is.
 */
public final class ReportInputException extends Exception {

    /** @param message one line naming the file and the problem */
    public ReportInputException(String message) {
        super(message);
    }
}
