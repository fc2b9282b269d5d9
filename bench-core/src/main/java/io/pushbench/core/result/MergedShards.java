package io.pushbench.core.result;

import java.util.List;

/**
 * What {@value #FILE} holds beside the {@code result.json} of a merged sharded run: one row per
 * shard and step with its own figures and self-check, the shards that are missing and what they
 * lost, the result directories left out as duplicates, and how the clocks were handled.
 *
 * @param format         {@value #FORMAT}
 * @param runId          the run's identity (from the rendezvous)
 * @param count          shards the run was split into
 * @param shards         the shards counted, by index
 * @param missing        shards (or steps of shards) without a complete result, each with what it lost
 * @param ignored        result directories not counted, each with why (a restarted shard's second attempt)
 * @param maxSkewNanos   the largest start skew bound of any shard in any step: clock error plus lateness
 * @param maxClockErrorNanos the largest error bound of any shard's clock offset to the rendezvous
 * @param clocks         how latencies relate to clocks, in one sentence
 */
public record MergedShards(String format, String runId, int count, List<Shard> shards, List<Missing> missing,
                           List<Ignored> ignored, long maxSkewNanos, long maxClockErrorNanos, String clocks) {

    public static final String FILE = "shards.json";
    public static final String FORMAT = "pushbench-shards/1";

    public MergedShards {
        shards = List.copyOf(shards);
        missing = List.copyOf(missing);
        ignored = List.copyOf(ignored);
    }

    /**
     * One shard.
     *
     * @param index    its index
     * @param host     where it ran
     * @param attempt  its process's identity
     * @param status   as its {@value ShardRecord#FILE} says at the end
     * @param dir      the result directory it was read from
     * @param clockOffsetNanos the rendezvous clock minus its own, at its last start
     * @param clockErrorNanos  the error bound of that offset (the largest over its starts)
     * @param skewNanos        its largest start skew bound
     * @param steps    its figures per step
     */
    public record Shard(int index, String host, String attempt, String status, String dir, long clockOffsetNanos,
                        long clockErrorNanos, long skewNanos, List<StepRow> steps) {
        public Shard {
            steps = List.copyOf(steps);
        }
    }

    /**
     * One shard's figures in one step.
     *
     * @param complete  false when the shard died during the step: the figures are what it recorded up to then
     * @param p50Micros median latency of the messages it measured (its own clock), -1 when none
     * @param p99Micros 99th percentile, -1 when none
     * @param saturated its self-check's verdict
     * @param selfCheck the self-check's reasons and warnings
     */
    public record StepRow(int step, int connections, int held, long sent, long expected, long received, long lost,
                          long duplicated, long measured, double p50Micros, double p99Micros, boolean complete,
                          boolean saturated, List<String> selfCheck) {
        public StepRow {
            selfCheck = List.copyOf(selfCheck);
        }
    }

    /**
     * A shard without a complete result for a step.
     *
     * @param index     the shard
     * @param step      the step (0: it never started one)
     * @param why       what happened, e.g. {@code died during the step}
     * @param planned   deliveries planned to it in the step
     * @param recorded  deliveries it recorded before it stopped
     * @param lost      {@code planned - recorded}: counted as lost in the merged step
     * @param how       how {@code recorded} was known
     */
    public record Missing(int index, int step, String why, long planned, long recorded, long lost, String how) {
    }

    /** A result directory left out, and why. */
    public record Ignored(String dir, int index, String attempt, String why) {
    }
}
