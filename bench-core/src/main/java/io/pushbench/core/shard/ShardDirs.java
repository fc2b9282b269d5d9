package io.pushbench.core.shard;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushbench.core.result.MergedShards;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.ShardRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Chooses which of the directories given to {@code merge} count: one per shard index, of one run, with the
 * same options. A directory the rendezvous refused (a restarted shard) and a second directory of one shard
 * index are left out, each with why, so no shard is ever counted twice.
 */
final class ShardDirs {

    /** One shard's directory: its record, and the scenario of its result (null when it has no result yet). */
    record ShardDir(Path dir, ShardRecord record, JsonNode scenario) {
        boolean hasResult() {
            return scenario != null;
        }
    }

    /** The directories that count, by shard index, and those left out. */
    record Selection(int count, String runId, TreeMap<Integer, ShardDir> shards, List<MergedShards.Ignored> ignored,
                     ShardDir reference) {
    }

    private ShardDirs() {
    }

    /**
     * @param format the result format every directory must hold ({@code result.json}'s {@code format})
     * @throws CapacityMerge.MergeException naming the directory that cannot be merged, and why
     */
    static Selection select(List<Path> dirs, String format) throws CapacityMerge.MergeException, IOException {
        List<ShardDir> inputs = new ArrayList<>();
        for (Path dir : dirs) {
            ShardRecord record = ShardRecord.read(dir);
            if (record == null) {
                throw new CapacityMerge.MergeException(dir + ": no " + ShardRecord.FILE + ": not a shard's result "
                        + "directory (run with --shard I/N)");
            }
            JsonNode scenario = null;
            if (Files.isRegularFile(dir.resolve(ResultFiles.RESULT_JSON))) {
                JsonNode tree = ResultFiles.mapper().readTree(dir.resolve(ResultFiles.RESULT_JSON).toFile());
                if (!format.equals(tree.path("format").asText())) {
                    throw new CapacityMerge.MergeException(dir + ": holds a " + tree.path("format").asText()
                            + " result, the first directory a " + format + " one: merge the shards of one run");
                }
                scenario = tree.get("scenario");
            }
            inputs.add(new ShardDir(dir, record, scenario));
        }
        if (inputs.isEmpty()) {
            throw new CapacityMerge.MergeException("no shard directories given");
        }
        int count = inputs.get(0).record().count();
        List<MergedShards.Ignored> ignored = new ArrayList<>();
        TreeMap<Integer, ShardDir> byIndex = new TreeMap<>();
        String runId = null;
        for (ShardDir in : inputs) {
            ShardRecord r = in.record();
            if (r.count() != count) {
                throw new CapacityMerge.MergeException(in.dir() + ": shard " + r.slice() + " is of a run of "
                        + r.count() + " shards, " + inputs.get(0).dir() + " of " + count);
            }
            if (ShardRecord.REFUSED.equals(r.status()) || r.runId() == null) {
                ignored.add(new MergedShards.Ignored(in.dir().toString(), r.index(), r.attempt(),
                        "the rendezvous did not accept it: " + r.message()));
                continue;
            }
            if (runId == null) {
                runId = r.runId();
            } else if (!runId.equals(r.runId())) {
                throw new CapacityMerge.MergeException(in.dir() + ": of run " + r.runId() + ", the others of run "
                        + runId + ": merge the shards of one run");
            }
            ShardDir first = byIndex.putIfAbsent(r.index(), in);
            if (first != null) {
                String why = first.record().attempt().equals(r.attempt())
                        ? "the same attempt as " + first.dir() + ": counted once"
                        : "a second attempt of shard " + r.index() + " (the first, " + first.dir()
                        + ", is counted): never counted twice";
                ignored.add(new MergedShards.Ignored(in.dir().toString(), r.index(), r.attempt(), why));
            }
        }
        if (byIndex.isEmpty()) {
            throw new CapacityMerge.MergeException("none of the directories holds an accepted shard's result");
        }
        ShardDir reference = byIndex.values().stream().filter(ShardDir::hasResult).findFirst()
                .orElseThrow(() -> new CapacityMerge.MergeException("no shard wrote a result: nothing to merge"));
        for (ShardDir in : byIndex.values()) {
            if (in.hasResult() && !in.scenario().equals(reference.scenario())) {
                throw new CapacityMerge.MergeException(in.dir() + ": its options differ from " + reference.dir()
                        + "'s: merge shards run with the same options");
            }
        }
        return new Selection(count, runId, byIndex, ignored, reference);
    }
}
