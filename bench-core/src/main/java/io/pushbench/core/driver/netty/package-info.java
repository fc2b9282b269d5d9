/**
 * Netty plumbing the Netty drivers share, whatever their transport: event loops and connects
 * ({@link io.pushbench.core.driver.netty.NettyConnector}), the connection base of the HTTP/1.1
 * drivers ({@link io.pushbench.core.driver.netty.NettyConnection}), TLS, byte counting at the
 * socket, requests, POSTs and error translation. The drivers are in the transport packages.
 */
package io.pushbench.core.driver.netty;
