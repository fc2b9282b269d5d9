package io.pushbench.core.engine;

import io.pushbench.core.record.LatencyRecorder;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.spec.Workload;

/**
 * What every connection of one run records into: latency from the plan and from the actual
 * send, connect time, the measurement window, shared counters, for broadcast the fan-out spread,
 * and for passive runs the time to the first message and the gaps between messages.
 * Thread-safe parts; immutable holder.
 */
final class RunRecorders {

    final LatencyRecorder corrected;
    final LatencyRecorder uncorrected;
    final LatencyRecorder connect = new LatencyRecorder(Metrics.CONNECT);
    final LatencyRecorder heartbeat = new LatencyRecorder(Metrics.HEARTBEAT_RTT);
    final LatencyRecorder downtime = new LatencyRecorder(Metrics.RECONNECT_DOWNTIME);
    final LatencyRecorder firstMessage = new LatencyRecorder(Metrics.FIRST_MESSAGE);
    final LatencyRecorder interArrival = new LatencyRecorder(Metrics.INTER_ARRIVAL);
    final MeasurementWindow window = new MeasurementWindow();
    final RunCounters counters = new RunCounters();
    private volatile FanOutSpread spread;
    private volatile long expectedSequences;
    /** For a shard of a broadcast run: how the other shards' messages are counted; null for a whole run. */
    volatile ShardView shardView;

    /** How many senders take the sequence numbers in turn, so that order is judged per sender (see SequenceTracker). */
    final int senders;

    RunRecorders(Workload workload) {
        this(workload, 1);
    }

    RunRecorders(Workload workload, int senders) {
        this.senders = senders;
        boolean echo = workload == Workload.ECHO;
        this.corrected = new LatencyRecorder(echo ? Metrics.RTT_CORRECTED : Metrics.PUSH_CORRECTED);
        this.uncorrected = new LatencyRecorder(echo ? Metrics.RTT_UNCORRECTED : Metrics.PUSH_UNCORRECTED);
    }

    /** Values clamped to the trackable range by these recorders so far. */
    long clampedValues() {
        long clamped = 0;
        for (LatencyRecorder r : new LatencyRecorder[] {corrected, uncorrected, connect, heartbeat, downtime,
                firstMessage, interArrival}) {
            clamped += r.clampedCount();
        }
        return clamped;
    }

    /** Starts tracking the fan-out spread of broadcast messages {@code [first, first + count)}. */
    void trackSpread(long first, long count) {
        spread = new FanOutSpread(first, count);
    }

    /**
     * Tells the receivers attached from now on that the run plans sequence numbers {@code [0, count)},
     * so that their sequence tracking takes the room for them up front rather than growing per message.
     */
    void expectSequences(long count) {
        expectedSequences = Math.max(0, Math.min(count, 1L << 31));
    }

    /** The planned sequence numbers set by {@link #expectSequences}, or 0 when not known. */
    long expectedSequences() {
        return expectedSequences;
    }

    /** The spread tracker, or null when none is tracked (echo). */
    FanOutSpread spread() {
        return spread;
    }
}
