package io.pushbench.server;

import io.netty.util.concurrent.EventExecutor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one {@link EventLoopMailbox} of each event loop a server's channels run on, shared by every
 * endpoint, so that a broadcast reaches each loop as at most one task per batch whatever the
 * transports. Mailboxes are made when a loop is first asked for.
 *
 * <p>Thread-safe.
 */
public final class EventLoopMailboxes {

    private final Map<EventExecutor, EventLoopMailbox> mailboxes = new ConcurrentHashMap<>();

    /** The mailbox of {@code loop}. Any thread. */
    public EventLoopMailbox of(EventExecutor loop) {
        return mailboxes.computeIfAbsent(loop, EventLoopMailbox::new);
    }
}
