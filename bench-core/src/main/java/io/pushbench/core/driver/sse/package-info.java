/**
 * Server-Sent Events, the client side of {@code io.pushbench.server.sse}: over HTTP/1.1 on Netty
 * ({@link io.pushbench.core.driver.sse.NettySseHttp1Driver}: stream, pipeline, response handler;
 * reconnects with {@code Last-Event-ID}), and on Jetty and OkHttp over either HTTP version, which
 * their clients choose for themselves. Netty's HTTP/2 client is a machine of its own (streams on
 * pooled connections) and has its own package, {@link io.pushbench.core.driver.ssehttp2}.
 *
 * <p>Laid out by transport rather than by stack, so that a transport's client and server share a
 * name and its clients sit side by side, to be read and compared together.
 */
package io.pushbench.core.driver.sse;
