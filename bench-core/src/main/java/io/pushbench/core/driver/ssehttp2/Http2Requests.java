package io.pushbench.core.driver.ssehttp2;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.netty.NettyHttpRequests;

import java.net.URI;
import java.util.Locale;

/** Request headers for the HTTP/2 driver's streams: pseudo-headers and the target's own headers. */
final class Http2Requests {

    private Http2Requests() {
    }

    /** Headers for a request to {@code uri} (its path and query) on a connection to {@code target}'s origin. */
    static Http2Headers request(HttpMethod method, Target target, URI uri) {
        Http2Headers headers = new DefaultHttp2Headers()
                .method(method.asciiName())
                .scheme(target.secure() ? "https" : "http")
                .authority(target.uri().getHost() + ":" + target.port())
                .path(NettyHttpRequests.pathAndQuery(uri));
        // HTTP/2 field names are lower case (RFC 9113 section 8.2.1).
        target.headers().forEach((name, value) -> headers.add(name.toLowerCase(Locale.ROOT), value));
        return headers;
    }

    /** Whether {@code other} has {@code target}'s origin (scheme, host, port), so that one connection serves both. */
    static boolean sameOrigin(Target target, URI other) {
        Target o = Target.of(other);
        return target.uri().getScheme().equalsIgnoreCase(other.getScheme())
                && target.uri().getHost().equalsIgnoreCase(other.getHost())
                && target.port() == o.port();
    }
}
