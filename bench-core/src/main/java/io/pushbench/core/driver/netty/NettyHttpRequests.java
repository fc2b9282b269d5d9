package io.pushbench.core.driver.netty;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.pushbench.core.driver.Target;

import java.net.URI;

/** The HTTP/1.1 requests the Netty drivers send. Thread-safe: stateless. */
public final class NettyHttpRequests {

    private NettyHttpRequests() {
    }

    /** {@code GET uri}, on a connection to {@code target}'s origin, with {@code Host} and the target's headers. */
    public static FullHttpRequest get(Target target, URI uri) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, pathAndQuery(uri),
                Unpooled.EMPTY_BUFFER);
        request.headers().set(HttpHeaderNames.HOST, target.uri().getHost() + ":" + target.port());
        target.headers().forEach(request.headers()::set);
        return request;
    }

    /** The request target of {@code uri}: its raw path ({@code /} when empty) and query. */
    public static String pathAndQuery(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }
}
