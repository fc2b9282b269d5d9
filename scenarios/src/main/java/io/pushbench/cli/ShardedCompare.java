package io.pushbench.cli;

import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.spec.Workload;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code compare --server URL --shard I/N}: which compare runs can be sharded, and the shard's session.
 * Each transport is one rendezvous: the shards start it together.
 */
final class ShardedCompare {

    private ShardedCompare() {
    }

    /** The shard's session, or null for a whole run; refuses a run that cannot be sharded, in one line. */
    static ShardSession open(ShardOptions options, URI server, RunSpec spec, Path dir, PrintWriter console)
            throws InterruptedException {
        if (options.slice(System.getenv()) == null) {
            return null;
        }
        if (server == null) {
            throw UserError.usage("--shard runs against a server all shards reach: give --server URL (the embedded "
                    + "server is each machine's own)");
        }
        if (spec.workload() != Workload.BROADCAST && spec.workload() != Workload.ECHO) {
            throw UserError.usage("--shard splits broadcast and echo runs; a " + spec.workload().id()
                    + " run cannot be split");
        }
        return ShardSession.open(options, System.getenv(), dir, console, "--subscribers",
                List.of(spec.subscribers()));
    }
}
