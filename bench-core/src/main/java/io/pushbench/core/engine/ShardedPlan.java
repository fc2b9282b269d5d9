package io.pushbench.core.engine;

import io.pushbench.core.spec.ShardSlice;

import java.util.List;

/**
 * Restricts the send shards of a run to the messages of one shard of a bigger run: the plan stays
 * the big run's (same rate, same planned times, same sequence numbers), and this shard sends only
 * the sequence numbers its {@link ShardSlice} owns, so the shards' plans interleave into the big one.
 */
final class ShardedPlan {

    private ShardedPlan() {
    }

    static List<ScheduledSender.Shard> restrict(List<ScheduledSender.Shard> shards, ShardSlice slice) {
        if (slice.whole()) {
            return shards;
        }
        return shards.stream()
                .map(s -> new ScheduledSender.Shard(s.executor(), i -> slice.owns(i) && s.owns().test(i), s.action(),
                        s.afterBatch()))
                .toList();
    }
}
