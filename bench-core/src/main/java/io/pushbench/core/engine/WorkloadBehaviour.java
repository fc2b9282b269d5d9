package io.pushbench.core.engine;

import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.record.LatencyRecorder;
import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.spec.Workload;

import java.util.List;

/**
 * What one workload does differently in a {@link TransportRun}: who sends and how the plan is split,
 * how many deliveries are expected, how losses are counted, what else is recorded, and how many payload
 * bytes a delivery carries. One implementation per workload; {@link #of} is the only switch on them.
 */
sealed interface WorkloadBehaviour permits WorkloadBehaviour.Sending, WorkloadBehaviour.Passive,
        WorkloadBehaviour.Idle {

    /** The behaviour of {@code workload}. */
    static WorkloadBehaviour of(Workload workload) {
        return switch (workload) {
            case BROADCAST -> new Broadcast();
            case ECHO -> new Echo();
            case CHAT -> new Chat();
            case PASSIVE -> new Passive();
            case IDLE -> new Idle();
        };
    }

    /** Deliveries the receivers are to get for {@code sent} messages in the measured phase. */
    long expected(long sent, int receivers);

    /**
     * Losses of the measured phase.
     *
     * @param firstMeasured the first sequence number planned in the measured phase
     * @param sent          messages sent in it
     * @param expected      deliveries expected ({@link #expected})
     * @param received      distinct deliveries
     */
    Losses losses(List<Receiver> receivers, long firstMeasured, long sent, long expected, long received);

    /**
     * Payload bytes per delivered message, what is left of the wire bytes is the protocol's overhead.
     *
     * @param receivers receivers of the run
     */
    double payloadPerMessage(int messageSize, int receivers);

    /** Recorders this workload logs and summarises beside the common ones. */
    default List<LatencyRecorder> ownRecorders(RunRecorders recorders) {
        return List.of();
    }

    /** How many senders take the sequence numbers in turn, so that receivers judge order per sender. */
    default int senders(RunSpec spec) {
        return 1;
    }

    /** Whether, without an open load model, the run sends in a closed loop (each reply triggers the next send). */
    default boolean repliesInClosedLoop() {
        return false;
    }

    /**
     * @param expected   deliveries expected (for passive runs: received plus lost)
     * @param lost       expected deliveries that never came
     * @param lostInGaps of {@code lost}, those in a reconnection's gap; -1 when it cannot be told
     */
    record Losses(long expected, long lost, long lostInGaps) {
    }

    /** A workload that sends messages, on a plan (or, for echo, in a closed loop). */
    sealed interface Sending extends WorkloadBehaviour permits Broadcast, Echo, Chat {

        /**
         * How the plan is sent, in shards by thread.
         *
         * @param connections the run's open connections
         * @param publisher   the run's publisher (broadcast only)
         * @param counted     sees each planned message before it goes out
         * @param stride      1, or for one shard of a sharded run the shard count: the shard sends every
         *                    {@code stride}-th sequence number, and its own turn among them picks the connection
         */
        List<ScheduledSender.Shard> shards(RunSpec spec, List<PushConnection> connections,
                                           TransportRun.Publisher publisher, SendShards.PlannedSend counted,
                                           int stride);

        /**
         * Messages sent in the measured phase.
         *
         * @param lastSent      sequence number after the last one the sender sent (-1 without a sender)
         * @param firstMeasured the first sequence number planned in the measured phase
         */
        long sent(long lastSent, long firstMeasured, RunCounters counters);
    }

    /** Every receiver gets every message the run sends: broadcast, chat. */
    private static Losses fanOutLosses(List<Receiver> receivers, long firstMeasured, long sent, long expected) {
        long lost = 0;
        long lostInGaps = 0;
        for (Receiver r : receivers) {
            lost += r.lostIn(firstMeasured, firstMeasured + sent);
            lostInGaps += r.lostInGapsIn(firstMeasured, firstMeasured + sent);
        }
        return new Losses(expected, lost, lostInGaps);
    }

    /** The server publishes each planned message to every subscriber. */
    final class Broadcast implements Sending {
        @Override
        public List<ScheduledSender.Shard> shards(RunSpec spec, List<PushConnection> connections,
                                                  TransportRun.Publisher publisher, SendShards.PlannedSend counted,
                                                  int stride) {
            // Published on the sender's own thread: one shard, whatever the connections.
            return List.of(ScheduledSender.Shard.all((sequence, intended) -> {
                counted.planned(sequence, intended);
                publisher.publish(sequence, intended);
            }));
        }

        @Override
        public long sent(long lastSent, long firstMeasured, RunCounters counters) {
            return Math.max(0, lastSent - firstMeasured);
        }

        @Override
        public long expected(long sent, int receivers) {
            return sent * receivers;
        }

        @Override
        public Losses losses(List<Receiver> receivers, long firstMeasured, long sent, long expected, long received) {
            return fanOutLosses(receivers, firstMeasured, sent, expected);
        }

        @Override
        public double payloadPerMessage(int messageSize, int receivers) {
            return messageSize;
        }
    }

    /** Each client sends on its connection and gets its own message back. */
    final class Echo implements Sending {
        @Override
        public List<ScheduledSender.Shard> shards(RunSpec spec, List<PushConnection> connections,
                                                  TransportRun.Publisher publisher, SendShards.PlannedSend counted,
                                                  int stride) {
            return onConnections(connections, connections.size(), stride, spec.messageSize(), counted);
        }

        @Override
        public long sent(long lastSent, long firstMeasured, RunCounters counters) {
            return counters.sentInWindow();
        }

        @Override
        public long expected(long sent, int receivers) {
            return sent;
        }

        @Override
        public Losses losses(List<Receiver> receivers, long firstMeasured, long sent, long expected, long received) {
            // Each connection sees every n-th sequence number only: a hole in them is no reconnection's gap.
            return new Losses(expected, Math.max(0, sent - received), -1);
        }

        @Override
        public double payloadPerMessage(int messageSize, int receivers) {
            // The message, and the request that carried it.
            return 2.0 * messageSize;
        }

        @Override
        public boolean repliesInClosedLoop() {
            return true;
        }
    }

    /** Every client sends in turn, and the server broadcasts each message to every client. */
    final class Chat implements Sending {
        @Override
        public List<ScheduledSender.Shard> shards(RunSpec spec, List<PushConnection> connections,
                                                  TransportRun.Publisher publisher, SendShards.PlannedSend counted,
                                                  int stride) {
            // Client s of the requested ones sends s, s + n, ..., which is how order is judged per sender; were
            // some clients not to connect, their turns go to others and a few of their messages may count as
            // out of order.
            return onConnections(connections, spec.subscribers(), stride, spec.messageSize(), counted);
        }

        @Override
        public long sent(long lastSent, long firstMeasured, RunCounters counters) {
            return Math.max(0, lastSent - firstMeasured);
        }

        @Override
        public long expected(long sent, int receivers) {
            return sent * receivers;
        }

        @Override
        public Losses losses(List<Receiver> receivers, long firstMeasured, long sent, long expected, long received) {
            return fanOutLosses(receivers, firstMeasured, sent, expected);
        }

        @Override
        public double payloadPerMessage(int messageSize, int receivers) {
            // The message, and its request's share: one request, delivered to every receiver.
            return messageSize * (1 + 1.0 / Math.max(1, receivers));
        }

        @Override
        public int senders(RunSpec spec) {
            return spec.subscribers();
        }
    }

    /** The server pushes on its own; the run only listens. */
    final class Passive implements WorkloadBehaviour {
        @Override
        public long expected(long sent, int receivers) {
            return 0;
        }

        @Override
        public Losses losses(List<Receiver> receivers, long firstMeasured, long sent, long expected, long received) {
            // What the server meant to send is unknown: gaps in its sequence numbers are what is known lost.
            long lost = 0;
            long lostInGaps = 0;
            for (Receiver r : receivers) {
                lost += r.missingBelowHighest();
                lostInGaps += r.missingInGapsBelowHighest();
            }
            return new Losses(received + lost, lost, lostInGaps);
        }

        @Override
        public double payloadPerMessage(int messageSize, int receivers) {
            // The server's message size is not known.
            return 0;
        }

        @Override
        public List<LatencyRecorder> ownRecorders(RunRecorders recorders) {
            return List.of(recorders.firstMessage, recorders.interArrival);
        }
    }

    /** Connections held open, nothing sent, nothing expected. */
    final class Idle implements WorkloadBehaviour {
        @Override
        public long expected(long sent, int receivers) {
            return 0;
        }

        @Override
        public Losses losses(List<Receiver> receivers, long firstMeasured, long sent, long expected, long received) {
            // Nothing was sent, so nothing can be lost.
            return new Losses(expected, 0, 0);
        }

        @Override
        public double payloadPerMessage(int messageSize, int receivers) {
            return 0;
        }
    }

    /** Messages sent on the connections by the shard of each one's event loop; one counting shard without any. */
    private static List<ScheduledSender.Shard> onConnections(List<PushConnection> connections, int turns, int stride,
                                                             int messageSize, SendShards.PlannedSend counted) {
        if (connections.isEmpty()) {
            return List.of(ScheduledSender.Shard.all(counted::planned));
        }
        return SendShards.onConnections(connections, turns, stride, messageSize, counted);
    }
}
