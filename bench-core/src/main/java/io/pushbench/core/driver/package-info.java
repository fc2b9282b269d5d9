/**
 * The driver SPI: how the engine opens connections of one transport with one client stack
 * ({@link io.pushbench.core.driver.TransportDriver}), what a connection offers
 * ({@link io.pushbench.core.driver.PushConnection}) and what it reports
 * ({@link io.pushbench.core.driver.ConnectionListener}); the options, targets and errors every
 * driver shares; and {@link io.pushbench.core.driver.Drivers}, the one place that maps a transport
 * and a stack to a driver.
 *
 * <p>The drivers themselves are laid out by transport, as the reference server's handlers are
 * ({@code io.pushbench.server.longpoll}, {@code .websocket}, {@code .sse}), so that a transport's
 * client and server are found by the same name:
 *
 * <table>
 *   <caption>Where each piece is</caption>
 *   <tr><th>package</th><th>holds</th></tr>
 *   <tr><td>{@link io.pushbench.core.driver.longpoll}</td><td>long polling on Netty, Jetty and OkHttp</td></tr>
 *   <tr><td>{@link io.pushbench.core.driver.websocket}</td><td>WebSocket on Netty, Jetty and OkHttp</td></tr>
 *   <tr><td>{@link io.pushbench.core.driver.sse}</td><td>SSE over HTTP/1.1 on Netty; SSE on Jetty and OkHttp, over either
 *       HTTP version</td></tr>
 *   <tr><td>{@link io.pushbench.core.driver.ssehttp2}</td><td>SSE over HTTP/2 on Netty: streams multiplexed on pooled
 *       connections</td></tr>
 *   <tr><td>{@link io.pushbench.core.driver.lifecycle}</td><td>the connection lifecycle every driver extends: open, loss,
 *       reconnect, downtime, close</td></tr>
 *   <tr><td>{@link io.pushbench.core.driver.netty}, {@link io.pushbench.core.driver.jetty},
 *       {@link io.pushbench.core.driver.okhttp}</td><td>each stack's plumbing: clients, TLS, byte counting at the socket</td></tr>
 * </table>
 */
package io.pushbench.core.driver;
