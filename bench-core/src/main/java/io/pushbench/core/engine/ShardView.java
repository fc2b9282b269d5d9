package io.pushbench.core.engine;

import io.pushbench.core.spec.ShardSlice;

/**
 * How a receiver of one shard treats broadcast messages published by the other shards: they are
 * counted for delivery, by sequence number against the big plan's measured range, so loss and
 * duplicates stay exact over every message each subscriber should get; their latency is not
 * recorded, because their planned send time was stamped on another host's clock. Only messages
 * this shard published itself are measured: one clock, never mixed.
 *
 * @param slice         this shard
 * @param firstMeasured the big plan's first sequence number in the measured phase
 * @param endExclusive  one past its last
 */
record ShardView(ShardSlice slice, long firstMeasured, long endExclusive) {

    /** Whether another shard published {@code sequence}. */
    boolean foreign(long sequence) {
        return !slice.owns(sequence);
    }

    /** Whether {@code sequence} is planned in the measured phase. */
    boolean measured(long sequence) {
        return sequence >= firstMeasured && sequence < endExclusive;
    }
}
