package io.pushbench.core.sse;

/** An event stream held a line or an event larger than the {@link SseParser}'s limit. */
public final class SseLimitException extends RuntimeException {

    /** @param message one line naming the limit that was exceeded */
    public SseLimitException(String message) {
        super(message);
    }
}
