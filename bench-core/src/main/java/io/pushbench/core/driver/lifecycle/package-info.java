/**
 * The one connection lifecycle every driver on every stack extends: a
 * {@link io.pushbench.core.driver.lifecycle.ReconnectingConnection} opens its channel or request,
 * notices a loss, opens it again as its {@link io.pushbench.core.driver.lifecycle.ReconnectPolicy}
 * says (exponential backoff for WebSocket, the server's {@code retry} for SSE, a new poll at once
 * for long polling, none for the library clients that have no reconnect), measures the downtime,
 * and reports open, loss, reconnect and close exactly once each. A driver supplies only how to
 * make an attempt and how to abort it; a {@link io.pushbench.core.driver.lifecycle.ConnectionRegistry}
 * numbers its connections and closes them with it.
 */
package io.pushbench.core.driver.lifecycle;
