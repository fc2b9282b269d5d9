/**
 * WebSocket, the client side of {@code io.pushbench.server.websocket}, on each stack: Netty
 * ({@link io.pushbench.core.driver.websocket.NettyWebSocketDriver}: connection, pipeline, frame
 * handler; reconnects with backoff), Jetty and OkHttp (their own WebSocket clients, which do not
 * reconnect).
 *
 * <p>Laid out by transport rather than by stack, so that a transport's client and server share a
 * name and its three clients sit side by side, to be read and compared together.
 */
package io.pushbench.core.driver.websocket;
