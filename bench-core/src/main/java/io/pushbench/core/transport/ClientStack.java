package io.pushbench.core.transport;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The client library a driver is built on. The default, {@link #NETTY}, speaks every transport. */
public enum ClientStack {
    NETTY("netty"),
    JETTY("jetty"),
    OKHTTP("okhttp"),
    /** Headless Chromium: the browser's own WebSocket, EventSource and fetch (see BrowserDriver). */
    BROWSER("browser");

    private final String id;

    ClientStack(String id) {
        this.id = id;
    }

    /** The user-facing name, e.g. {@code okhttp}. */
    @JsonValue
    public String id() {
        return id;
    }

    /** @throws IllegalArgumentException naming the value and the valid names */
    @JsonCreator
    public static ClientStack fromId(String id) {
        for (ClientStack s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown client stack '" + id + "' (valid: "
                + Arrays.stream(values()).map(ClientStack::id).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return id;
    }
}
