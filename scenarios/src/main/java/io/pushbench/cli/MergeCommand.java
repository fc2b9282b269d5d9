package io.pushbench.cli;

import io.pushbench.core.result.MergedShards;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.RunResult;
import io.pushbench.core.shard.CapacityMerge;
import io.pushbench.core.shard.CompareMerge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code pushbench merge DIR... --out DIR}: adds the result directories of a sharded run into one
 * ({@link CapacityMerge}), prints one row per shard and the merged verdict, and renders the report.
 */
@Command(name = "merge", sortOptions = false, mixinStandardHelpOptions = true,
        exitCodeListHeading = PushBench.EXIT_CODES_HEADING,
        exitCodeList = {PushBench.EXIT_CODE_OK, PushBench.EXIT_CODE_FAILURE, PushBench.EXIT_CODE_USAGE},
        description = {"Merge the result directories of a sharded run (capacity or compare --server with --shard I/N) into one.",
            "Interval histograms are added exactly (the merged percentiles are those of all recorded values), "
                + "counters summed; a shard that died is named with what it lost, a restarted shard's second "
                + "result is left out."})
final class MergeCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec command;

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "The shards' result directories.")
    private List<Path> dirs;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Where the merged result goes: result.json, shards.json, one histogram log per step, "
                    + "report.html.")
    private Path out;

    @Override
    public Integer call() {
        PrintWriter console = command.commandLine().getOut();
        MergedShards merged = mergeInto(dirs, out, console);
        return merged.missing().isEmpty() ? 0 : PushBench.EXIT_FAILURE;
    }

    /** Merges {@code dirs} into {@code out}, prints the tables and renders the report; returns the shards. */
    static MergedShards mergeInto(List<Path> dirs, Path out, PrintWriter console) {
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                throw UserError.usage(dir + ": no such directory");
            }
        }
        MergedShards shards;
        try {
            if (isCompare(dirs)) {
                CompareMerge.Merged merged = CompareMerge.merge(dirs);
                CompareMerge.write(out, merged);
                shards = merged.shards();
                ShardTable.print(console, shards);
                SummaryTable.print(console, merged.result().results(), null, null);
            } else {
                CapacityMerge.Merged merged = CapacityMerge.merge(dirs);
                CapacityMerge.write(out, merged);
                shards = merged.shards();
                ShardTable.print(console, shards);
                console.println();
                CapacityTable.print(console, merged.result());
                console.println();
                console.println(merged.result().verdict().summary());
            }
        } catch (CapacityMerge.MergeException e) {
            throw UserError.failure(e.getMessage());
        } catch (IOException e) {
            throw UserError.failure("merge: " + e.getMessage());
        }
        for (MergedShards.Missing m : shards.missing()) {
            console.println("missing: shard " + m.index() + (m.step() > 0 ? " in step " + m.step() : "") + ": "
                    + m.why() + (m.planned() > 0 ? "; lost " + m.lost() + " of " + m.planned()
                    + " planned deliveries (" + m.how() + ")" : ""));
        }
        for (MergedShards.Ignored i : shards.ignored()) {
            console.println("ignored: " + i.dir() + ": " + i.why());
        }
        console.println("results: " + out.toAbsolutePath());
        console.println("report: " + ReportCommand.render(out, null).page().toAbsolutePath());
        console.flush();
        return shards;
    }

    /** Whether the first directory with a result holds a compare run's (the others are checked by the merge). */
    private static boolean isCompare(List<Path> dirs) throws IOException {
        for (Path dir : dirs) {
            if (Files.isRegularFile(dir.resolve(ResultFiles.RESULT_JSON))) {
                return RunResult.FORMAT.equals(ResultFiles.formatOf(dir));
            }
        }
        return false;
    }
}
