package io.pushbench.core.shard;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushbench.core.engine.SendPlan;
import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.Environment;
import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.result.MergedShards;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.ShardRecord;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.spec.CapacityMode;
import io.pushbench.core.spec.CapacitySpec;
import io.pushbench.core.spec.LoadModel;
import io.pushbench.core.spec.ShardSlice;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code pushbench merge}: adds the result directories of a sharded capacity run into one, as if
 * one machine had run it.
 *
 * <ul>
 *   <li>Latency: every interval histogram of every shard's step log goes, whole, into the merged
 *       step log; the merged percentiles are those of the sum, exactly (no averaging of percentiles).</li>
 *   <li>Counters (sent, expected, received, lost, duplicated, connections, errors, bytes) are added. A
 *       broadcast's {@code sent} is the big plan's count, which every shard reports alike: it is taken once.</li>
 *   <li>A shard that died during a step: what it recorded until its last flushed second is counted
 *       (its log's intervals, its progress file's deliveries); the rest of its planned deliveries is
 *       counted as lost, and the merged result names it and says how.</li>
 *   <li>Duplicates: two directories of one shard index are one shard restarted (or a directory given
 *       twice): only the attempt the rendezvous accepted is counted, the other is listed as ignored.</li>
 * </ul>
 */
public final class CapacityMerge {

    /** Why a merge cannot be made; the message names the directory. */
    public static final class MergeException extends Exception {
        public MergeException(String message) {
            super(message);
        }
    }

    /** The merged result: written by {@link #write}. */
    public record Merged(CapacityResult result, MergedShards shards, Map<Integer, List<Histogram>> logs) {
    }

    private record Input(Path dir, ShardRecord record, CapacityResult result, JsonNode scenario) {
        ShardSlice slice() {
            return record.slice();
        }
    }

    private CapacityMerge() {
    }

    /** Reads and merges the shard directories {@code dirs}. */
    public static Merged merge(List<Path> dirs) throws MergeException, IOException {
        ShardDirs.Selection selection = ShardDirs.select(dirs, CapacityResult.FORMAT);
        TreeMap<Integer, Input> byIndex = new TreeMap<>();
        for (ShardDirs.ShardDir d : selection.shards().values()) {
            byIndex.put(d.record().index(), new Input(d.dir(), d.record(),
                    d.hasResult() ? ResultFiles.readCapacity(d.dir()) : null, d.scenario()));
        }
        CapacityResult reference = byIndex.get(selection.reference().record().index()).result();
        return new Merger(reference.scenario(), selection.count(), selection.runId(), byIndex, selection.ignored(),
                reference).merge();
    }

    /** Writes the merged {@code result.json}, {@value MergedShards#FILE} and one log per step into {@code out}. */
    public static void write(Path out, Merged merged) throws IOException {
        Files.createDirectories(out);
        for (Map.Entry<Integer, List<Histogram>> log : merged.logs().entrySet()) {
            ShardLogs.write(out.resolve(ResultFiles.stepLogName(log.getKey())), log.getValue(),
                    "merged from " + merged.shards().shards().size() + " shards of run " + merged.shards().runId());
        }
        ResultFiles.write(out, merged.result());
        // The shards, their clock offsets and error bounds, also in result.json itself.
        ResultFiles.putField(out, "shards", merged.shards());
        ResultFiles.mapper().writeValue(out.resolve(MergedShards.FILE).toFile(), merged.shards());
    }

    /** One merge; not reused. */
    private static final class Merger {
        private final CapacitySpec spec;
        private final int count;
        private final String runId;
        private final TreeMap<Integer, Input> shards;
        private final List<MergedShards.Ignored> ignored;
        private final CapacityResult reference;
        private final List<MergedShards.Missing> missing = new ArrayList<>();
        private final Map<Integer, List<MergedShards.StepRow>> rows = new TreeMap<>();

        Merger(CapacitySpec spec, int count, String runId, TreeMap<Integer, Input> shards,
               List<MergedShards.Ignored> ignored, CapacityResult reference) {
            this.spec = spec;
            this.count = count;
            this.runId = runId;
            this.shards = shards;
            this.ignored = ignored;
            this.reference = reference;
        }

        Merged merge() throws IOException {
            for (int i = 0; i < count; i++) {
                if (!shards.containsKey(i)) {
                    missing.add(new MergedShards.Missing(i, 0, "no result directory given for it", 0, 0, 0,
                            "nothing of it was read: pass its directory to merge, or it never ran"));
                }
            }
            TreeSet<Integer> stepIndexes = new TreeSet<>();
            for (Input in : shards.values()) {
                if (in.result() != null) {
                    in.result().steps().forEach(s -> stepIndexes.add(s.index()));
                }
                in.record().starts().forEach(s -> stepIndexes.add(s.step()));
            }
            List<CapacityResult.Step> steps = new ArrayList<>();
            Map<Integer, List<Histogram>> logs = new TreeMap<>();
            boolean incomplete = false;
            for (int step : stepIndexes) {
                List<Histogram> intervals = new ArrayList<>();
                CapacityResult.Step merged = mergeStep(step, intervals);
                if (merged == null) {
                    continue;
                }
                incomplete |= merged.connections() > merged.held() && missing.stream().anyMatch(m -> m.step() == step);
                steps.add(merged);
                logs.put(step, intervals);
            }
            boolean interrupted = shards.values().stream().anyMatch(i -> i.result() != null && i.result().interrupted());
            // Steps after the first broken one are not the staircase's (a shard ran on while another broke).
            List<CapacityResult.Step> judged = new ArrayList<>();
            for (CapacityResult.Step s : steps) {
                judged.add(s);
                if (!s.passed()) {
                    break;
                }
            }
            String startedAt = shards.values().stream().filter(i -> i.result() != null)
                    .map(i -> i.result().startedAt()).min(Comparator.naturalOrder()).orElse(reference.startedAt());
            String finishedAt = shards.values().stream().filter(i -> i.result() != null)
                    .map(i -> i.result().finishedAt()).max(Comparator.naturalOrder()).orElse(reference.finishedAt());
            long maxSkew = 0;
            long maxError = 0;
            List<MergedShards.Shard> shardRows = new ArrayList<>();
            for (Input in : shards.values()) {
                long skew = in.record().starts().stream().mapToLong(ShardRecord.Start::skewBoundNanos).max().orElse(0);
                long error = in.record().starts().stream().mapToLong(ShardRecord.Start::clockErrorNanos).max()
                        .orElse(0);
                long offset = in.record().starts().isEmpty() ? 0
                        : in.record().starts().get(in.record().starts().size() - 1).clockOffsetNanos();
                maxSkew = Math.max(maxSkew, skew);
                maxError = Math.max(maxError, error);
                shardRows.add(new MergedShards.Shard(in.record().index(), in.record().host(), in.record().attempt(),
                        in.record().status(), in.dir().toString(), offset, error, skew,
                        rows.getOrDefault(in.record().index(), List.of())));
            }
            String clocks = spec.mode() == CapacityMode.PUBSUB
                    ? "each shard measured the latency of the messages it published itself, on its own clock (1 in "
                    + count + " of every subscriber's messages); the others' messages were counted for delivery by "
                    + "sequence number, not measured: no latency mixes two hosts' clocks"
                    : "each shard measured its own round trips on its own clock: no latency mixes two hosts' clocks";
            Environment env = reference.environment();
            Environment environment = new Environment(env.pushbenchVersion(), env.commit(), env.jvm(), env.jvmVendor(),
                    env.os(), env.arch(), env.cpus(), env.maxHeapBytes(),
                    String.format(java.util.Locale.ROOT, "monotonic, per shard (%d shards started together by the "
                            + "rendezvous, start skew bound %.3f ms, clock offset error bound %.3f ms)", count,
                            maxSkew / 1e6, maxError / 1e6));
            CapacityResult result = new CapacityResult(CapacityResult.FORMAT, startedAt, finishedAt,
                    interrupted || incomplete, spec, environment, judged,
                    CapacityResult.Verdict.of(spec, judged, interrupted || incomplete), Map.of());
            MergedShards summary = new MergedShards(MergedShards.FORMAT, runId, count, shardRows, missing, ignored,
                    maxSkew, maxError, clocks);
            logs.keySet().retainAll(judged.stream().map(CapacityResult.Step::index).toList());
            return new Merged(result, summary, logs);
        }

        /** Step {@code step} of every shard, added; its intervals into {@code intervals}. Null if no shard ran it. */
        private CapacityResult.Step mergeStep(int step, List<Histogram> intervals) throws IOException {
            List<TransportResult> parts = new ArrayList<>();
            List<Integer> partShards = new ArrayList<>();
            int connections = 0;
            int held = 0;
            long planned = 0;
            long recorded = 0;
            List<String> firstErrors = new ArrayList<>();
            List<CapacityResult.Step> complete = new ArrayList<>();
            for (Input in : shards.values()) {
                CapacityResult.Step own = in.result() == null ? null : in.result().steps().stream()
                        .filter(s -> s.index() == step).findFirst().orElse(null);
                List<Histogram> shardIntervals = ShardLogs.intervals(in.dir().resolve(ResultFiles.stepLogName(step)));
                if (own != null) {
                    complete.add(own);
                    parts.add(own.result());
                    partShards.add(in.record().index());
                    connections += own.connections();
                    held += own.held();
                    intervals.addAll(shardIntervals);
                    if (own.firstError() != null) {
                        firstErrors.add("shard " + in.record().index() + ": " + own.firstError());
                    }
                    rows.computeIfAbsent(in.record().index(), k -> new ArrayList<>()).add(row(step, own, true));
                } else if (in.record().startOf(step) != null) {
                    // It started the step and has no result for it: it died (or was stopped) during it.
                    int share = in.slice().connections(spec.connectionsAt(step - 1));
                    long plannedHere = plannedDeliveries(in.slice(), step);
                    long recordedHere = lastDelivered(in.dir(), step);
                    connections += share;
                    planned += plannedHere;
                    recorded += recordedHere;
                    intervals.addAll(shardIntervals);
                    missing.add(new MergedShards.Missing(in.record().index(), step, "stopped during step " + step
                            + " (" + in.record().status() + "); its last result has no figures for it",
                            plannedHere, recordedHere, Math.max(0, plannedHere - recordedHere),
                            "planned: " + plannedHow() + "; recorded: the deliveries in the measured window by its "
                                    + "last flushed second (" + ShardProgressFile.NAME + "), and its latency log's "
                                    + "intervals up to then; lost = planned - recorded"));
                    Map<String, Histogram> totals = ShardLogs.totals(shardIntervals);
                    Histogram latency = totals.get(latencyTag());
                    rows.computeIfAbsent(in.record().index(), k -> new ArrayList<>()).add(new MergedShards.StepRow(
                            step, share, 0, 0, plannedHere, recordedHere, Math.max(0, plannedHere - recordedHere), 0,
                            latency == null ? 0 : latency.getTotalCount(),
                            percentile(latency, 50), percentile(latency, 99), false, false, List.of()));
                }
            }
            if (complete.isEmpty() && planned == 0) {
                return null;
            }
            TransportResult merged = TransportResultMerge.of(spec.transport(), spec.client(), spec.mode().workload(),
                    spec.messageSize(), ResultFiles.stepLogName(step), spec.stepDuration().toNanos() / 1e9, parts,
                    partShards, intervals, planned, recorded);
            double errorRate = errorRate(merged, connections, held);
            List<String> violations = new ArrayList<>(spec.slo().violations(merged, errorRate));
            if (spec.saturationBreaks() && merged.selfHealth().saturated()) {
                violations.add("pushbench saturated: " + String.join("; ", merged.selfHealth().reasons()));
            }
            CapacityResult.Step first = complete.isEmpty() ? null : complete.get(0);
            long heap = complete.stream().mapToLong(s -> s.memory().heapUsedBytes()).sum();
            long rss = complete.stream().mapToLong(s -> s.memory().rssBytes()).sum();
            double heapPer = held == 0 ? 0 : complete.stream().mapToDouble(s -> s.memory().heapBytesPerConnection()
                    * s.held()).sum() / held;
            double rssPer = held == 0 ? 0 : complete.stream().mapToDouble(s -> s.memory().rssBytesPerConnection()
                    * s.held()).sum() / held;
            return new CapacityResult.Step(step, connections, first != null ? first.rate() : spec.rateAt(step - 1),
                    spec.loadAt(step - 1), held, errorRate, violations.isEmpty(), violations,
                    firstErrors.isEmpty() ? null : firstErrors.get(0),
                    new CapacityResult.Memory(heap, rss, Math.round(heapPer), Math.round(rssPer)), merged);
        }

        private static double errorRate(TransportResult result, int wanted, int held) {
            double connections = wanted == 0 ? 0 : (double) Math.max(0, wanted - held) / wanted;
            long expected = result.delivery().expected();
            double messages = expected == 0 ? 0 : (double) result.delivery().lost() / expected;
            return Math.max(connections, messages);
        }

        private String latencyTag() {
            return spec.mode() == CapacityMode.ECHO ? Metrics.RTT_CORRECTED : Metrics.PUSH_CORRECTED;
        }

        private static double percentile(Histogram h, double p) {
            return h == null || h.getTotalCount() == 0 ? -1 : Math.round(h.getValueAtPercentile(p) / 10.0) / 100.0;
        }

        private String plannedHow() {
            return switch (spec.mode()) {
                case PUBSUB -> "every message of the step's measured plan to each of its connections";
                case ECHO -> "the messages of the step's measured plan with its sequence numbers";
                case PASSIVE -> "unknown for passive mode (the server sets the rate): 0";
            };
        }

        /** Deliveries planned to shard {@code slice} in the measured phase of {@code step}. */
        private long plannedDeliveries(ShardSlice slice, int step) {
            if (spec.mode() == CapacityMode.PASSIVE) {
                return 0;
            }
            SendPlan plan = new SendPlan(new LoadModel.ConstantRate(spec.rateAt(step - 1)),
                    spec.stepWarmup().toNanos(), spec.stepDuration().toNanos());
            long first = plan.firstMeasured();
            long end = plan.endExclusive();
            return spec.mode() == CapacityMode.PUBSUB
                    ? (end - first) * slice.connections(spec.connectionsAt(step - 1))
                    : slice.ownedIn(first, end);
        }

        private static long lastDelivered(Path dir, int step) throws IOException {
            return ShardProgressFile.lastDelivered(dir, step);
        }

        private MergedShards.StepRow row(int step, CapacityResult.Step own, boolean complete) {
            TransportResult r = own.result();
            LatencySummary latency = own.latency();
            List<String> check = new ArrayList<>(r.selfHealth().reasons());
            check.addAll(r.selfHealth().warnings());
            return new MergedShards.StepRow(step, own.connections(), own.held(), r.delivery().sent(),
                    r.delivery().expected(), r.delivery().received(), r.delivery().lost(), r.delivery().duplicated(),
                    latency == null ? 0 : latency.count(), latency == null || latency.count() == 0 ? -1 : latency.p50(),
                    latency == null || latency.count() == 0 ? -1 : latency.p99(), complete, r.selfHealth().saturated(),
                    check);
        }

    }
}
