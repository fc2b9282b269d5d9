/**
 * Server-Sent Events over HTTP/2 on Netty, the client side of {@code io.pushbench.server.sse}
 * when it speaks h2 or h2c. Top down: {@link io.pushbench.core.driver.ssehttp2.NettySseHttp2Driver}
 * (the driver), {@link io.pushbench.core.driver.ssehttp2.SseHttp2Subscription} (one event stream,
 * requested again after a loss), {@link io.pushbench.core.driver.ssehttp2.Http2ConnectionPool} and
 * {@link io.pushbench.core.driver.ssehttp2.Http2ClientConnection} (the shared TCP connections and
 * their pipeline), {@link io.pushbench.core.driver.ssehttp2.Http2ClientHandler} (HTTP/2 on one
 * connection, handing each stream's frames to its
 * {@link io.pushbench.core.driver.ssehttp2.Http2StreamEvents}, with DATA frames read in place by
 * {@link io.pushbench.core.driver.ssehttp2.InPlaceDataFrameReader}),
 * {@link io.pushbench.core.driver.ssehttp2.SseHttp2StreamHandler} (one stream's response) and
 * {@link io.pushbench.core.driver.ssehttp2.Http2Post} (a message sent upstream as a stream of its
 * own).
 */
package io.pushbench.core.driver.ssehttp2;
