package io.pushbench.cli;

import io.pushbench.core.spec.ShardSlice;
import picocli.CommandLine.Option;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The options that make a run one shard of a bigger one ({@code --shard}, the rendezvous, results
 * collection). In a Kubernetes Indexed Job each pod gets its index from {@code JOB_COMPLETION_INDEX}
 * and the rest from the environment ({@value #SHARDS_ENV}, {@value #RENDEZVOUS_ENV}), so the pods
 * need no arguments of their own.
 */
final class ShardOptions {

    /** The shard count, when {@code --shard} is not given (the index then comes from {@value #INDEX_ENV}). */
    static final String SHARDS_ENV = "PUSHBENCH_SHARDS";
    /** Set by Kubernetes in each pod of an Indexed Job. */
    static final String INDEX_ENV = "JOB_COMPLETION_INDEX";
    /** The rendezvous address, when {@code --rendezvous} is not given. */
    static final String RENDEZVOUS_ENV = "PUSHBENCH_RENDEZVOUS";
    /** The rendezvous port when the address names none. */
    static final int DEFAULT_PORT = 7070;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Run shard I (from 0) of N: 1/N of each step's connections (exact: cumulative floor "
                    + "boundaries) and every N-th message of the plan, so that the N shards together are one big run; "
                    + "merge their result directories with 'pushbench merge'. Default: from the environment, "
                    + "JOB_COMPLETION_INDEX and PUSHBENCH_SHARDS, when both are set; else the whole run.")
    String shard;

    @Option(names = "--rendezvous", paramLabel = "HOST[:PORT]",
            description = "Where the shards meet to start each step together (default port " + DEFAULT_PORT + "): "
                    + "shard 0 listens on that port (all addresses), the others connect to it. Default: "
                    + "PUSHBENCH_RENDEZVOUS.")
    String rendezvous;

    @Option(names = "--external-rendezvous",
            description = "Shard 0 does not host the rendezvous: a 'pushbench coordinate' process does.")
    boolean externalRendezvous;

    @Option(names = "--rendezvous-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long a step's rendezvous waits for a missing shard before the run fails (or goes on "
                    + "without it, with --allow-missing-shards). Default: 2m.")
    Duration rendezvousTimeout = Duration.ofMinutes(2);

    @Option(names = "--allow-missing-shards",
            description = "Start without shards that did not reach the rendezvous in time, rather than fail the run; "
                    + "they are named in every shard's result and in the merged one.")
    boolean allowMissing;

    @Option(names = "--collect", paramLabel = "DIR",
            description = "Gather the results at shard 0: every shard uploads its result directory to it at the end, "
                    + "into DIR/shard-I, and shard 0 merges them into DIR/merged (with report.html).")
    Path collect;

    @Option(names = "--linger", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With --collect: shard 0 stays up this long after merging, so that 'kubectl cp' can fetch "
                    + "DIR (it ends early once DIR/.fetched exists). Default: 0s.")
    Duration linger = Duration.ZERO;

    /** The shard this process runs, or null for a whole run. */
    ShardSlice slice(Map<String, String> env) {
        try {
            if (shard != null) {
                return ShardSlice.parse(shard);
            }
            String index = env.get(INDEX_ENV);
            String count = env.get(SHARDS_ENV);
            if (index != null && count != null) {
                return ShardSlice.parse(index + "/" + count);
            }
            if (count != null) {
                throw UserError.usage(SHARDS_ENV + "=" + count + " is set but " + INDEX_ENV + " is not: give "
                        + "--shard I/N, or run in an Indexed Job");
            }
            return null;
        } catch (IllegalArgumentException e) {
            throw UserError.usage("--" + e.getMessage());
        }
    }

    /** The rendezvous address, unresolved (resolved when connecting, as a Service name may appear late). */
    InetSocketAddress rendezvous(Map<String, String> env) {
        String text = rendezvous != null ? rendezvous : env.get(RENDEZVOUS_ENV);
        if (text == null || text.isBlank()) {
            throw UserError.usage("--rendezvous HOST[:PORT] is needed for a sharded run (or " + RENDEZVOUS_ENV
                    + "): where the shards meet to start together");
        }
        return parseAddress(text, "--rendezvous");
    }

    static InetSocketAddress parseAddress(String text, String option) {
        String host = text.trim();
        int port = DEFAULT_PORT;
        int colon = host.lastIndexOf(':');
        if (colon > 0 && host.indexOf(':') == colon) {
            try {
                port = Integer.parseInt(host.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw UserError.usage(option + " " + text + ": the port must be a number, e.g. pushbench-0:7070");
            }
            host = host.substring(0, colon);
        }
        if (port < 1 || port > 65535 || host.isEmpty()) {
            throw UserError.usage(option + " " + text + ": write HOST[:PORT], e.g. 10.0.0.1:7070");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }
}
