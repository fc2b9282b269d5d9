package io.pushbench.core.driver.ssehttp2;

import io.netty.handler.codec.http2.Http2Exception;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.netty.NettyErrors;

/** One-line reasons for what ends an HTTP/2 connection, naming a server that does not speak HTTP/2 as such. */
final class Http2Failures {

    /** "HTTP/" in hex, as Netty's codec quotes the first bytes of a reply that is not an HTTP/2 SETTINGS frame. */
    private static final String HTTP1_REPLY_HEX = "485454502f";

    private Http2Failures() {
    }

    /**
     * Why a connection failed: a protocol error naming an HTTP/1.x answer where HTTP/2 was expected,
     * else what {@link NettyErrors#ioFailure} says.
     *
     * @param priorKnowledge whether the connection spoke h2c with prior knowledge (no TLS, no ALPN)
     */
    static DriverException connectionFailure(Throwable cause, boolean priorKnowledge) {
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof Http2Exception && message.contains(HTTP1_REPLY_HEX)) {
            return new DriverException(ErrorKind.PROTOCOL, "the server answered in HTTP/1.x, not HTTP/2"
                    + (priorKnowledge ? ": it does not speak h2c with prior knowledge on this port" : ""), cause);
        }
        if (cause instanceof Http2Exception) {
            return new DriverException(ErrorKind.PROTOCOL, "HTTP/2 connection error: " + message, cause);
        }
        return NettyErrors.ioFailure(cause);
    }
}
