package io.pushbench.core.spec;

/**
 * Which part of one big run a shard runs: shard {@code index} of {@code count}. Every split is
 * exact, so that the N shards together are the run one giant machine would have made.
 *
 * <ul>
 *   <li>Connections by cumulative floor boundaries: shard {@code i} of {@code C} connections takes
 *       {@code floor((i+1)C/N) - floor(iC/N)}; the shares add up to {@code C}, nothing lost to rounding.</li>
 *   <li>Messages by residue: the plan of the big run is kept whole (same rate, same planned times), and
 *       shard {@code i} sends the messages whose sequence number {@code s} has {@code s mod N = i}. Sequence
 *       numbers are therefore unique across shards and the shards' plans interleave into the big plan,
 *       each offset by its phase; a receiver's loss and duplicate tracking runs on the big plan's numbers.</li>
 * </ul>
 *
 * @param index this shard, {@code 0 <= index < count}
 * @param count how many shards share the run, {@code >= 1}
 */
public record ShardSlice(int index, int count) {

    /** Most shards a run may be split into. */
    public static final int MAX_SHARDS = 10_000;

    /** The whole run: one shard. */
    public static final ShardSlice WHOLE = new ShardSlice(0, 1);

    /** @throws IllegalArgumentException when the index is outside {@code [0, count)} or the count below 1 */
    public ShardSlice {
        if (count < 1 || count > MAX_SHARDS) {
            throw new IllegalArgumentException("shard count must be 1.." + MAX_SHARDS + ", was " + count);
        }
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("shard index must be 0.." + (count - 1) + " for " + count
                    + " shards, was " + index);
        }
    }

    /** Parses {@code I/N}, e.g. {@code 2/4}: the third of four shards. */
    public static ShardSlice parse(String text) {
        String[] parts = text.trim().split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("shard '" + text + "': write INDEX/COUNT, e.g. 0/4 (indexes from 0)");
        }
        try {
            return new ShardSlice(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shard '" + text + "': INDEX and COUNT must be whole numbers, e.g. 0/4");
        }
    }

    /** Whether this is the whole run (one shard). */
    public boolean whole() {
        return count == 1;
    }

    /** This shard's share of {@code total} connections (cumulative floor boundaries). */
    public int connections(int total) {
        return (int) (boundary(index + 1, total) - boundary(index, total));
    }

    private long boundary(int shard, long total) {
        return shard * total / count;
    }

    /** Whether this shard sends the message with sequence number {@code sequence} of the big plan. */
    public boolean owns(long sequence) {
        return sequence % count == index;
    }

    /** The shard that sends {@code sequence}. */
    public int ownerOf(long sequence) {
        return (int) (sequence % count);
    }

    /** How many of the big plan's sequence numbers {@code [from, to)} this shard sends. */
    public long ownedIn(long from, long to) {
        if (to <= from) {
            return 0;
        }
        return countBelow(to) - countBelow(from);
    }

    /** Sequence numbers {@code s < n} with {@code s mod count = index}. */
    private long countBelow(long n) {
        return n <= index ? 0 : (n - index - 1) / count + 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
