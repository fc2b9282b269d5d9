package io.pushbench.core.driver;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * Where a driver connects and how.
 *
 * @param uri     the endpoint: {@code ws://}, {@code wss://}, {@code http://} or {@code https://}
 * @param sendUri where upstream messages go for the HTTP transports ({@code POST}); {@code null}
 *                when the transport sends on the connection itself (WebSocket) or nothing is sent
 * @param headers extra request headers sent on every request (e.g. authorization), never null
 */
public record Target(URI uri, URI sendUri, Map<String, String> headers) {

    public Target {
        Objects.requireNonNull(uri, "uri");
        headers = Map.copyOf(headers);
    }

    public static Target of(URI uri) {
        return new Target(uri, null, Map.of());
    }

    public static Target of(URI uri, URI sendUri) {
        return new Target(uri, sendUri, Map.of());
    }

    /** The port of {@link #uri}, or the scheme's default port when none is given. */
    public int port() {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        String scheme = uri.getScheme();
        return "https".equals(scheme) || "wss".equals(scheme) ? 443 : 80;
    }

    /** Whether {@link #uri} asks for TLS. */
    public boolean secure() {
        return "https".equals(uri.getScheme()) || "wss".equals(uri.getScheme());
    }
}
