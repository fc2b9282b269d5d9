package io.pushbench.core.transport;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The four server-push transports pushbench compares. {@link #id()} is the name used
 * everywhere a user sees one: command-line options, result files and reports.
 */
public enum Transport {
    /** HTTP/1.1 request held open until a message or a timeout, then re-polled. */
    LONG_POLLING("long-polling"),
    /** RFC 6455 frames after an HTTP/1.1 Upgrade. */
    WEBSOCKET("websocket"),
    /** A {@code text/event-stream} response, one TCP connection per stream. */
    SSE_HTTP1("sse-http1"),
    /** The same event stream as HTTP/2 streams, many on one TCP connection. */
    SSE_HTTP2("sse-http2");

    private final String id;

    Transport(String id) {
        this.id = id;
    }

    /** The user-facing name, e.g. {@code sse-http2}. */
    @JsonValue
    public String id() {
        return id;
    }

    /**
     * Looks a transport up by its user-facing name.
     *
     * @throws IllegalArgumentException naming the value and the valid names
     */
    @JsonCreator
    public static Transport fromId(String id) {
        for (Transport t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown transport '" + id + "' (valid: " + validIds() + ")");
    }

    /** The valid names, comma-separated, for error messages and help. */
    public static String validIds() {
        return Arrays.stream(values()).map(Transport::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
