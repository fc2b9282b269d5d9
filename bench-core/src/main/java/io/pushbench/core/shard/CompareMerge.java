package io.pushbench.core.shard;

import io.pushbench.core.engine.SendPlan;
import io.pushbench.core.result.Environment;
import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.result.MergedShards;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.RunResult;
import io.pushbench.core.result.ShardRecord;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.spec.ShardSlice;
import io.pushbench.core.spec.Workload;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code pushbench merge} of the shards of {@code compare --server --shard I/N}: each transport (and client
 * stack) is added across the shards as {@link CapacityMerge} adds a step: its histogram logs interval by
 * interval, its counters summed. A shard without a transport's result (it died during it) is named with its
 * planned deliveries, and what its log recorded (echo: one latency per delivery) counted; the rest as lost.
 */
public final class CompareMerge {

    /** The merged result: written by {@link #write}. */
    public record Merged(RunResult result, MergedShards shards, Map<String, List<Histogram>> logs) {
    }

    private CompareMerge() {
    }

    /** Reads and merges the shard directories {@code dirs}. */
    public static Merged merge(List<Path> dirs) throws CapacityMerge.MergeException, IOException {
        ShardDirs.Selection selection = ShardDirs.select(dirs, RunResult.FORMAT);
        Map<Integer, RunResult> results = new TreeMap<>();
        for (ShardDirs.ShardDir d : selection.shards().values()) {
            if (d.hasResult()) {
                results.put(d.record().index(), ResultFiles.read(d.dir()));
            }
        }
        RunResult reference = results.get(selection.reference().record().index());
        RunSpec spec = reference.scenario();
        List<MergedShards.Missing> missing = new ArrayList<>();
        for (int i = 0; i < selection.count(); i++) {
            if (!selection.shards().containsKey(i)) {
                missing.add(new MergedShards.Missing(i, 0, "no result directory given for it", 0, 0, 0,
                        "nothing of it was read: pass its directory to merge, or it never ran"));
            }
        }
        Map<Integer, List<MergedShards.StepRow>> rows = new TreeMap<>();
        Map<String, List<Histogram>> logs = new LinkedHashMap<>();
        List<TransportResult> merged = new ArrayList<>();
        int position = 0;
        for (Transport transport : spec.transports()) {
            for (ClientStack client : spec.clients()) {
                position++;
                String logName = ResultFiles.histogramLogName(transport, client);
                List<TransportResult> parts = new ArrayList<>();
                List<Integer> partShards = new ArrayList<>();
                List<Histogram> intervals = new ArrayList<>();
                long planned = 0;
                long recorded = 0;
                for (ShardDirs.ShardDir d : selection.shards().values()) {
                    int index = d.record().index();
                    RunResult own = results.get(index);
                    TransportResult part = own == null ? null : own.results().stream()
                            .filter(r -> r.transport() == transport && r.client() == client).findFirst().orElse(null);
                    List<Histogram> shardIntervals = ShardLogs.intervals(d.dir().resolve(logName));
                    intervals.addAll(shardIntervals);
                    if (part != null) {
                        parts.add(part);
                        partShards.add(index);
                        rows.computeIfAbsent(index, k -> new ArrayList<>()).add(row(position, part));
                    } else if (d.record().startOf(position) != null) {
                        long plannedHere = planned(spec, d.record().slice());
                        Histogram latency = ShardLogs.totals(shardIntervals).get(latencyTag(spec));
                        long recordedHere = spec.workload() == Workload.ECHO && latency != null
                                ? latency.getTotalCount() : 0;
                        planned += plannedHere;
                        recorded += recordedHere;
                        missing.add(new MergedShards.Missing(index, position, "stopped during " + transport.id()
                                + " (" + d.record().status() + "); its result has no figures for it", plannedHere,
                                recordedHere, Math.max(0, plannedHere - recordedHere), spec.workload() == Workload.ECHO
                                ? "planned: its sequence numbers of the measured plan; recorded: the round trips in "
                                + "its histogram log up to its last flushed second"
                                : "planned: every measured message to each of its subscribers; recorded: not known "
                                + "for a broadcast shard of compare (its log measures its own messages only): 0"));
                    }
                }
                if (parts.isEmpty() && planned == 0) {
                    continue;
                }
                merged.add(TransportResultMerge.of(transport, client, spec.workload(), spec.messageSize(), logName,
                        spec.duration().toNanos() / 1e9, parts, partShards, intervals, planned, recorded));
                logs.put(logName, intervals);
            }
        }
        long maxSkew = 0;
        long maxError = 0;
        List<MergedShards.Shard> shardRows = new ArrayList<>();
        for (ShardDirs.ShardDir d : selection.shards().values()) {
            ShardRecord r = d.record();
            long skew = r.starts().stream().mapToLong(ShardRecord.Start::skewBoundNanos).max().orElse(0);
            long error = r.starts().stream().mapToLong(ShardRecord.Start::clockErrorNanos).max().orElse(0);
            long offset = r.starts().isEmpty() ? 0 : r.starts().get(r.starts().size() - 1).clockOffsetNanos();
            maxSkew = Math.max(maxSkew, skew);
            maxError = Math.max(maxError, error);
            shardRows.add(new MergedShards.Shard(r.index(), r.host(), r.attempt(), r.status(), d.dir().toString(),
                    offset, error, skew, rows.getOrDefault(r.index(), List.of())));
        }
        boolean interrupted = results.values().stream().anyMatch(r -> r.interrupted() || r.finishedAt() == null)
                || missing.stream().anyMatch(m -> m.step() > 0);
        String startedAt = results.values().stream().map(RunResult::startedAt).min(Comparator.naturalOrder())
                .orElse(reference.startedAt());
        String finishedAt = interrupted ? null : results.values().stream().map(RunResult::finishedAt)
                .max(Comparator.naturalOrder()).orElse(null);
        Environment env = reference.environment();
        Environment environment = new Environment(env.pushbenchVersion(), env.commit(), env.jvm(), env.jvmVendor(),
                env.os(), env.arch(), env.cpus(), env.maxHeapBytes(),
                String.format(Locale.ROOT, "monotonic, per shard (%d shards started together by the rendezvous, start "
                        + "skew bound %.3f ms, clock offset error bound %.3f ms)", selection.count(), maxSkew / 1e6,
                        maxError / 1e6));
        RunResult result = new RunResult(RunResult.FORMAT, startedAt, finishedAt, interrupted, spec, environment,
                merged);
        String clocks = spec.workload() == Workload.BROADCAST
                ? "each shard measured the latency of the messages it published itself, on its own clock (1 in "
                + selection.count() + " of every subscriber's messages); the others' were counted by sequence "
                + "number, not measured: no latency mixes two hosts' clocks"
                : "each shard measured its own round trips on its own clock: no latency mixes two hosts' clocks";
        return new Merged(result, new MergedShards(MergedShards.FORMAT, selection.runId(), selection.count(),
                shardRows, missing, selection.ignored(), maxSkew, maxError, clocks), logs);
    }

    /** Writes the merged {@code result.json} (with its shards), {@value MergedShards#FILE} and the logs into {@code out}. */
    public static void write(Path out, Merged merged) throws IOException {
        Files.createDirectories(out);
        for (Map.Entry<String, List<Histogram>> log : merged.logs().entrySet()) {
            ShardLogs.write(out.resolve(log.getKey()), log.getValue(), "merged from "
                    + merged.shards().shards().size() + " shards of run " + merged.shards().runId());
        }
        ResultFiles.write(out, merged.result());
        ResultFiles.putField(out, "shards", merged.shards());
        ResultFiles.mapper().writeValue(out.resolve(MergedShards.FILE).toFile(), merged.shards());
    }

    private static String latencyTag(RunSpec spec) {
        return spec.workload() == Workload.ECHO ? Metrics.RTT_CORRECTED : Metrics.PUSH_CORRECTED;
    }

    /** Deliveries planned to shard {@code slice} in a transport's measured phase (an open model), else 0. */
    private static long planned(RunSpec spec, ShardSlice slice) {
        if (!spec.load().isOpen()) {
            return 0;
        }
        SendPlan plan = new SendPlan(spec.load(), spec.warmup().toNanos(), spec.duration().toNanos());
        long first = plan.firstMeasured();
        long end = plan.endExclusive();
        return spec.workload() == Workload.BROADCAST ? (end - first) * slice.connections(spec.subscribers())
                : slice.ownedIn(first, end);
    }

    private static MergedShards.StepRow row(int position, TransportResult r) {
        LatencySummary latency = r.latency().get(r.workload() == Workload.ECHO ? Metrics.RTT_CORRECTED
                : Metrics.PUSH_CORRECTED);
        boolean measured = latency != null && latency.count() > 0;
        List<String> check = new ArrayList<>(r.selfHealth().reasons());
        check.addAll(r.selfHealth().warnings());
        return new MergedShards.StepRow(position, (int) r.connections().requested(), (int) r.connections().opened(),
                r.delivery().sent(), r.delivery().expected(), r.delivery().received(), r.delivery().lost(),
                r.delivery().duplicated(), measured ? latency.count() : 0, measured ? latency.p50() : -1,
                measured ? latency.p99() : -1, true, r.selfHealth().saturated(), check);
    }
}
