package io.pushbench.server.longpoll;

import io.pushbench.server.EventLoopMailbox;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The polls waiting on one event loop, woken together: a broadcast costs the loop one post to its
 * {@link EventLoopMailbox}, and every broadcast published before that post runs is answered by it.
 *
 * <p>No broadcast is missed by a poll that starts as one is published: a poll is {@linkplain #add
 * added} before it looks at the history, and a broadcast is appended to the history before it
 * {@linkplain #wake wakes} the loop; both steps are synchronization actions, so either the poll
 * sees the broadcast or the wake sees the poll.
 *
 * <p>Thread-safe: {@link #wake} from any thread; the rest on the loop.
 */
final class WaitingPolls implements Runnable {

    private static final PollingClient[] NONE = new PollingClient[0];

    private final EventLoopMailbox mailbox;
    /** Touched on the loop only. */
    private final Set<PollingClient> clients = new LinkedHashSet<>();
    /** Written on the loop only, read by publishers: whether a wake has anyone to wake. */
    private volatile int count;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();

    WaitingPolls(EventLoopMailbox mailbox) {
        this.mailbox = mailbox;
    }

    /** A poll starts waiting. On the loop, before it looks at the history. */
    void add(PollingClient client) {
        clients.add(client);
        count = clients.size();
    }

    /** A poll stops waiting (answered, or its connection closed). On the loop. */
    void remove(PollingClient client) {
        if (clients.remove(client)) {
            count = clients.size();
        }
    }

    /** A broadcast was appended to the history: have the waiting polls look, on the loop. Any thread. */
    void wake() {
        if (count > 0 && wakeQueued.compareAndSet(false, true)) {
            mailbox.post(this);
        }
    }

    /** On the loop: every waiting poll with something pending is answered. */
    @Override
    public void run() {
        wakeQueued.set(false);
        // A copy: answering a poll removes it.
        for (PollingClient client : clients.toArray(NONE)) {
            client.answerIfPending();
        }
    }
}
