package io.pushbench.core.engine;

import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.envelope.EnvelopeCodec;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Splits the sends of an open-model run that sends on its own connections (echo, chat) into one
 * {@link ScheduledSender.Shard} per I/O thread: message {@code i} goes to the connection whose turn
 * it is, and the shard of that connection's event loop sends it there, so the write needs no
 * hand-off between threads and each wake-up flushes each connection it wrote to once. Connections
 * whose stack offers no event loop share one shard on the sender's own thread.
 *
 * <p>Each shard encodes into one reused buffer and remembers the connections it wrote to in
 * arrays sized once, so a send allocates nothing here.
 */
final class SendShards {

    private SendShards() {
    }

    /**
     * @param connections the run's open connections, at least one
     * @param turns       how many turns a round has: message {@code i} goes to connection
     *                    {@code (i % turns) % connections.size()} (chat: the number of clients asked for,
     *                    so that each client's messages are the same sequence numbers whoever connected)
     * @param onSend      called with each message's planned time before it is written (counting)
     */
    static List<ScheduledSender.Shard> onConnections(List<PushConnection> connections, int turns, int messageSize,
                                                     PlannedSend onSend) {
        return onConnections(connections, turns, 1, messageSize, onSend);
    }

    /**
     * As above, for a shard that sends every {@code stride}-th sequence number of a bigger plan: message {@code i}
     * goes to connection {@code ((i / stride) % turns) % connections.size()}, so the shard's own messages still
     * take its connections in turn.
     */
    static List<ScheduledSender.Shard> onConnections(List<PushConnection> connections, int turns, int stride,
                                                     int messageSize, PlannedSend onSend) {
        int n = connections.size();
        Map<ScheduledExecutorService, Integer> shardOf = new IdentityHashMap<>();
        int[] owner = new int[n];
        List<ScheduledExecutorService> executors = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            ScheduledExecutorService executor = connections.get(c).ioExecutor();
            Integer shard = shardOf.get(executor);
            if (shard == null) {
                shard = executors.size();
                shardOf.put(executor, shard);
                executors.add(executor);
            }
            owner[c] = shard;
        }
        List<ScheduledSender.Shard> shards = new ArrayList<>(executors.size());
        for (int k = 0; k < executors.size(); k++) {
            int shard = k;
            Writer writer = new Writer(connections, turns, stride, messageSize, onSend);
            shards.add(new ScheduledSender.Shard(executors.get(k), i -> owner[writer.connectionIndex(i)] == shard,
                    writer::send, writer::flush));
        }
        return shards;
    }

    /** Sees each planned message of a shard just before it is sent. */
    @FunctionalInterface
    interface PlannedSend {
        void planned(long sequence, long intendedNanos);
    }

    /** One shard's sending state: its reused envelope text and the connections written since the last flush. */
    private static final class Writer {
        private final List<PushConnection> connections;
        private final int turns;
        private final int stride;
        private final int messageSize;
        private final PlannedSend onSend;
        private final StringBuilder text;
        private final boolean[] dirty;
        private final int[] dirtyList;
        private int dirtyCount;

        Writer(List<PushConnection> connections, int turns, int stride, int messageSize, PlannedSend onSend) {
            this.connections = connections;
            this.turns = turns;
            this.stride = stride;
            this.messageSize = messageSize;
            this.onSend = onSend;
            this.text = new StringBuilder(Math.max(messageSize, 64));
            this.dirty = new boolean[connections.size()];
            this.dirtyList = new int[connections.size()];
        }

        int connectionIndex(long sequence) {
            return (int) (sequence / stride % turns) % connections.size();
        }

        void send(long sequence, long intendedNanos) {
            onSend.planned(sequence, intendedNanos);
            int c = connectionIndex(sequence);
            EnvelopeCodec.encodeInto(text, sequence, intendedNanos, System.nanoTime(), messageSize);
            connections.get(c).write(text);
            if (!dirty[c]) {
                dirty[c] = true;
                dirtyList[dirtyCount++] = c;
            }
        }

        void flush() {
            for (int i = 0; i < dirtyCount; i++) {
                int c = dirtyList[i];
                dirty[c] = false;
                connections.get(c).flush();
            }
            dirtyCount = 0;
        }
    }
}
