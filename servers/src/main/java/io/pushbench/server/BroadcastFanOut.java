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
 * <p>Where the format can {@linkplain Batching batch} (an event stream's events, WebSocket frames
 * written as bytes), a subscriber's broadcasts of one run are put end to end into one buffer,
 * written as one message at the run's end: the per-write cost of the pipeline (a promise and its
 * listener, an HTTP/2 stream's flow-control entry, a chunk header, a frame encoder's buffer) is paid
 * once per run, not once per broadcast, which is what lets one event loop carry hundreds of
 * thousands of messages a second.
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
         * How a run's broadcasts to one subscriber go out as one write; null (the default) when
         * each goes out as a {@link #frame} of its own.
         */
        default Batching batching() {
            return null;
        }
    }

    /** Writing a run's broadcasts to one subscriber as one message of their wire bytes end to end. */
    public interface Batching {
        /**
         * Whether {@code subscriber} takes batches: false where its pipeline must see every message
         * on its own (e.g. a WebSocket extension that compresses each frame). Asked once, when it
         * joins, on its event loop.
         */
        boolean takes(Channel subscriber);

        /** Appends one broadcast, from its shared bytes, to a subscriber's batch as the wire carries it. */
        void append(ByteBuf batch, ByteBuf broadcast);

        /** The message that carries a batch to the subscriber's pipeline, which takes ownership of it. */
        Object message(ByteBuf batch);
    }

    private final EventLoopMailboxes mailboxes;
    private final ServerStats stats;
    private final Format format;
    /** The format's batching, asked once: null when each broadcast goes out on its own. */
    private final Batching batching;
    /** Guarded by this: one group per event loop that ever had a subscriber. */
    private final List<LoopGroup> groups = new ArrayList<>();
    /** Guarded by this: the newest broadcast handed out, -1 before the first. */
    private long newestId = -1;

    public BroadcastFanOut(EventLoopMailboxes mailboxes, ServerStats stats, Format format) {
        this.mailboxes = mailboxes;
        this.stats = stats;
        this.format = format;
        this.batching = format.batching();
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
        Subscriber subscriber = new Subscriber(channel, newestId, batching != null && batching.takes(channel));
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
        /** Whether its broadcasts of a run go out as one batch. */
        final boolean batches;
        /** Written in this run, so to be flushed at its end. */
        boolean written;
        /** When it batches: this run's broadcasts, end to end, not yet written; else null. */
        ByteBuf pending;
        /** Where it is in its group's list. */
        int index;

        Subscriber(Channel channel, long joinedAfter, boolean batches) {
            this.channel = channel;
            this.joinedAfter = joinedAfter;
            this.batches = batches;
        }

        /**
         * Adds a broadcast to this run's batch, or counts a drop when the channel could not take it.
         * The same verdict as {@link SubscriberWrites#writeOnLoopOrDrop} writing each broadcast on
         * its own: taken while the bytes already queued, the batch's included, have not crossed the
         * high-water mark.
         */
        void append(Batching batching, ByteBuf bytes, ServerStats stats) {
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
            batching.append(pending, bytes);
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
                if (s.batches) {
                    s.append(batching, bytes, stats);
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
                    s.channel.write(batching.message(s.pending), s.channel.voidPromise());
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
