package io.pushbench.server;

import java.time.Duration;

/**
 * What every endpoint of one reference server shares: the publisher, the direct-delivery routes,
 * the counters and the configured limits. Immutable; the parts it holds are thread-safe.
 *
 * @param hub               the publisher feeding every transport
 * @param direct            routes from client id to push channel, for echo on the HTTP transports
 * @param stats             connection, byte and error counts
 * @param maxMessageBytes   largest request body or WebSocket message accepted, bytes
 * @param heartbeatInterval how often idle push channels get a heartbeat (WebSocket ping, SSE comment,
 *                          an empty long-poll answer)
 * @param maxConnections    most TCP connections open at once, 0 for no limit; beyond it requests get 503
 * @param mailboxes         each event loop's mailbox, through which broadcasts reach the loop's subscribers
 * @param webSocketCompression whether a WebSocket client's permessage-deflate offer (RFC 7692) is accepted;
 *                          without an offer, or with this off, frames go uncompressed
 */
public record ServerContext(Hub hub, DirectDelivery direct, ServerStats stats, int maxMessageBytes,
                            Duration heartbeatInterval, int maxConnections, EventLoopMailboxes mailboxes,
                            boolean webSocketCompression) {

    /** A context whose WebSocket endpoints accept no compression. */
    public ServerContext(Hub hub, DirectDelivery direct, ServerStats stats, int maxMessageBytes,
                         Duration heartbeatInterval, int maxConnections, EventLoopMailboxes mailboxes) {
        this(hub, direct, stats, maxMessageBytes, heartbeatInterval, maxConnections, mailboxes, false);
    }

    /** A context with mailboxes of its own. */
    public ServerContext(Hub hub, DirectDelivery direct, ServerStats stats, int maxMessageBytes,
                         Duration heartbeatInterval, int maxConnections) {
        this(hub, direct, stats, maxMessageBytes, heartbeatInterval, maxConnections, new EventLoopMailboxes());
    }

    /** A context without a connection limit. */
    public ServerContext(Hub hub, DirectDelivery direct, ServerStats stats, int maxMessageBytes,
                         Duration heartbeatInterval) {
        this(hub, direct, stats, maxMessageBytes, heartbeatInterval, 0);
    }
}
