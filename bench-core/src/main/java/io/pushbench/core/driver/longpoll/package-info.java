/**
 * Long polling, the client side of {@code io.pushbench.server.longpoll}, on each stack: Netty
 * ({@link io.pushbench.core.driver.longpoll.NettyLongPollingDriver}: poller, pipeline, answer handler),
 * Jetty and OkHttp (one shell, {@link io.pushbench.core.driver.longpoll.PollingConnection} for the
 * protocol, the stack for the requests). All read answers with one
 * {@link io.pushbench.core.driver.longpoll.PollCursor}.
 *
 * <p>Laid out by transport rather than by stack, so that a transport's client and server share a
 * name and its three clients sit side by side, to be read and compared together.
 */
package io.pushbench.core.driver.longpoll;
