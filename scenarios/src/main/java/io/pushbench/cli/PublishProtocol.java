package io.pushbench.cli;

import io.pushbench.core.transport.Transport;
import picocli.CommandLine;

import java.net.URI;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

/**
 * The HTTP version {@code capacity} publishes with to an {@code http(s)://} publish URL
 * ({@code --publish-protocol}): by default what the subscribers speak, so that a server whose
 * port speaks only HTTP/2 (an h2c-only listener) takes the publishes as it takes the subscriptions.
 */
enum PublishProtocol {
    /** HTTP/1.1 POSTs over a few keep-alive connections. */
    HTTP1("http1"),
    /** HTTP/2 POSTs, one stream each: h2c with prior knowledge on {@code http://}, h2 by ALPN on {@code https://}. */
    H2("h2");

    private final String id;

    PublishProtocol(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    /** How publishes to {@code url} travel, for people: {@code HTTP/1.1}, {@code h2c (prior knowledge)}, {@code h2 (TLS, ALPN)}. */
    String describe(URI url) {
        if (this == HTTP1) {
            return "HTTP/1.1";
        }
        return url.getScheme().equalsIgnoreCase("https") ? "h2 (TLS, ALPN)" : "h2c (prior knowledge)";
    }

    /** What the subscribers of {@code transport} speak: h2 for sse-http2, else HTTP/1.1. */
    static PublishProtocol of(Transport transport) {
        return transport == Transport.SSE_HTTP2 ? H2 : HTTP1;
    }

    /** Reads {@code http1} or {@code h2}. */
    static final class Converter implements CommandLine.ITypeConverter<PublishProtocol> {
        @Override
        public PublishProtocol convert(String value) {
            String id = value.trim().toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst()
                    .orElseThrow(() -> new CommandLine.TypeConversionException("unknown publish protocol '" + value
                            + "': http1 or h2"));
        }
    }

    /** The names, for help text. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(values()).map(PublishProtocol::id).iterator();
        }
    }
}
