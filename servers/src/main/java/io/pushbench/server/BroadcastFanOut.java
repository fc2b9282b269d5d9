package io.pushbench.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

import java.util.ArrayList;
import java.util.List;

/**
 * One endpoint's broadcast subscribers, grouped by event loop, and the writes that reach them.
 * Each broadcast is encoded once, its bytes shared by every subscriber's write, and handed to each
 * event loop that has subscribers as one post to the loop's {@link EventLoopMailbox}; so a loop
 * takes all the broadcasts published between two of its runs as one task. On the loop, each
 * subscriber gets every broadcast of the run written, then one flush at the run's end.
 *
 * <p>Where the format's messages delimit themselves in the byte stream (an event stream), a
 * subscriber's broadcasts of one run are copied end to end into one buffer, written as one message
 * at the run's end: the per-write cost of the pipeline (an HTTP/2 stream's promise and flow-control
 * entry, a chunk header) is paid once per run, not once per broadcast, which is what lets one
 * connection loop carry hundreds of thousands of events a second.
 *
 * <p>A subscriber gets every broadcast handed out after it {@linkplain #join joined}, in id order,
 * and none handed out before, even one still on its way to the loop. A subscriber whose channel
 * cannot take more misses that broadcast, and the drop is counted ({@link SubscriberWrites}).
 *
 * <p>Thread-safe. {@link #broadcast} is called in id order (the {@link Hub} serializes it);
 * {@link #join} is called on the subscriber channel's event loop. An endpoint that must look
 * something up atomically with a join (a resume's history) holds its own lock around both this
 * and its {@link #broadcast} calls.
 */
public final class BroadcastFanOut {

    /** How an endpoint puts a broadcast on the wire. */
    public interface Format {
        /** The broadcast's bytes, encoded once and shared by every subscriber; any thread. */
        ByteBuf encode(long id, String text);

        /**
         * The message one subscriber's pipeline writes, around its own duplicate of the shared
         * bytes, which it takes ownership of (e.g. a WebSocket text frame).
         */
        Object frame(ByteBuf bytes);

        /**
         * Whether several broadcasts' bytes, end to end, are still a valid message for
         * {@link #frame} (true for an event stream, whose events delimit themselves; false for
         * WebSocket frames), so a run's broadcasts to one subscriber may go out as one write.
         */
        default boolean concatenates() {
            return false;
        }
    }

    private final EventLoopMailboxes mailboxes;
    private final ServerStats stats;
    private final Format format;
    /** Guarded by this: one group per event loop that ever had a subscriber. */
    private final List<LoopGroup> groups = new ArrayList<>();
    /** Guarded by this: the newest broadcast handed out, -1 before the first. */
    private long newestId = -1;

    public BroadcastFanOut(EventLoopMailboxes mailboxes, ServerStats stats, Format format) {
        this.mailboxes = mailboxes;
        this.stats = stats;
        this.format = format;
    }

    /**
     * Hands broadcast {@code id} to every subscriber joined now; it is encoded only if there is one.
     * Any thread, in increasing id order.
     */
    public synchronized void broadcast(long id, String text) {
        newestId = id;
        ByteBuf bytes = null;
        try {
            for (int i = 0; i < groups.size(); i++) {
                LoopGroup group = groups.get(i);
                if (group.members > 0) {
                    if (bytes == null) {
                        bytes = format.encode(id, text);
                    }
                    group.mailbox.post(new Delivery(group, id, bytes.retainedDuplicate()));
                }
            }
        } finally {
            if (bytes != null) {
                bytes.release();
            }
        }
    }

    /**
     * Adds {@code channel} as a subscriber to every broadcast handed out from now on, until it
     * closes. On the channel's event loop.
     */
    public synchronized void join(Channel channel) {
        EventLoopMailbox mailbox = mailboxes.of(channel.eventLoop());
        LoopGroup group = null;
        for (int i = 0; i < groups.size() && group == null; i++) {
            if (groups.get(i).mailbox == mailbox) {
                group = groups.get(i);
            }
        }
        if (group == null) {
            group = new LoopGroup(mailbox);
            groups.add(group);
        }
        Subscriber subscriber = new Subscriber(channel, newestId);
        group.add(subscriber);
        LoopGroup joined = group;
        channel.closeFuture().addListener(f -> {
            leave(joined);
            // A task of its own, so that a channel closing during a run (a failed write) never
            // changes the list the run is walking.
            channel.eventLoop().execute(() -> joined.remove(subscriber));
        });
    }

    private synchronized void leave(LoopGroup group) {
        group.members--;
    }

    /** One subscriber. Touched on its channel's loop only. */
    private static final class Subscriber {
        final Channel channel;
        /** The newest broadcast handed out when it joined: it gets the ones after. */
        final long joinedAfter;
        /** Written in this run, so to be flushed at its end. */
        boolean written;
        /** With a concatenating format: this run's broadcasts, end to end, not yet written; else null. */
        ByteBuf pending;
        /** Where it is in its group's list. */
        int index;

        Subscriber(Channel channel, long joinedAfter) {
            this.channel = channel;
            this.joinedAfter = joinedAfter;
        }

        /**
         * Adds {@code bytes} to this run's pending write, or counts a drop when the channel could
         * not take it. The same verdict as {@link SubscriberWrites#writeOnLoopOrDrop} writing each
         * broadcast on its own: taken while the bytes already queued, these included, have not
         * crossed the high-water mark.
         */
        void append(ByteBuf bytes, ServerStats stats) {
            int queued = pending == null ? 0 : pending.readableBytes();
            if (queued >= channel.bytesBeforeUnwritable()) {
                if (channel.isActive()) {
                    stats.drop();
                }
                return;
            }
            if (pending == null) {
                pending = channel.alloc().buffer(bytes.readableBytes() * 4);
            }
            pending.writeBytes(bytes, bytes.readerIndex(), bytes.readableBytes());
        }
    }

    /** The subscribers whose channels run on one event loop. */
    private final class LoopGroup implements EventLoopMailbox.Batch {
        final EventLoopMailbox mailbox;
        /** Touched on the loop only. */
        final List<Subscriber> subscribers = new ArrayList<>();
        /** Guarded by the fan-out: subscribers joined and not yet closed, so a broadcast knows to come. */
        int members;

        LoopGroup(EventLoopMailbox mailbox) {
            this.mailbox = mailbox;
        }

        /** On the loop, with the fan-out's lock held. */
        void add(Subscriber s) {
            s.index = subscribers.size();
            subscribers.add(s);
            members++;
        }

        /** On the loop, between runs: the last subscriber takes the removed one's place. */
        void remove(Subscriber s) {
            Subscriber last = subscribers.remove(subscribers.size() - 1);
            if (last != s) {
                subscribers.set(s.index, last);
                last.index = s.index;
            }
        }

        /** On the loop: writes a broadcast to each subscriber that joined before it was handed out. */
        void write(long id, ByteBuf bytes) {
            for (int i = 0; i < subscribers.size(); i++) {
                Subscriber s = subscribers.get(i);
                if (id <= s.joinedAfter) {
                    continue;
                }
                if (format.concatenates()) {
                    s.append(bytes, stats);
                } else {
                    Object message = format.frame(bytes.retainedDuplicate());
                    s.written |= SubscriberWrites.writeOnLoopOrDrop(s.channel, message, stats);
                }
            }
            mailbox.endOfRun(this);
        }

        /** One write per subscriber with broadcasts pending, and one flush per subscriber written in the run. */
        @Override
        public void runEnded() {
            for (int i = 0; i < subscribers.size(); i++) {
                Subscriber s = subscribers.get(i);
                if (s.pending != null) {
                    // Taken when appended: the channel was writable then, and nothing ran since.
                    s.channel.write(format.frame(s.pending), s.channel.voidPromise());
                    s.pending = null;
                    s.written = true;
                }
                if (s.written) {
                    s.written = false;
                    s.channel.flush();
                }
            }
        }
    }

    /** One broadcast on its way to one loop's subscribers. */
    private record Delivery(LoopGroup group, long id, ByteBuf bytes) implements Runnable {
        @Override
        public void run() {
            try {
                group.write(id, bytes);
            } finally {
                bytes.release();
            }
        }
    }
}
