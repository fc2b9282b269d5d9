package io.pushbench.cli;

import io.pushbench.core.engine.StartGate;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.ShardRecord;
import io.pushbench.core.shard.Coordinator;
import io.pushbench.core.shard.RendezvousClient;
import io.pushbench.core.shard.ShardStartGate;
import io.pushbench.core.spec.CapacitySpec;
import io.pushbench.core.spec.ShardSlice;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One shard's part in a sharded run, around the run itself: shard 0 hosts the rendezvous (unless it
 * is external), every shard joins it and records who it is in {@value ShardRecord#FILE}, each step
 * starts at the rendezvous's signal, and at the end the shard says it is done (uploading its results
 * with {@code --collect}); shard 0 then merges what was collected.
 */
final class ShardSession implements AutoCloseable {

    private final ShardSlice slice;
    private final ShardOptions options;
    private final Path dir;
    private final PrintWriter console;
    private final Coordinator coordinator;
    private final RendezvousClient client;
    private final ShardStartGate gate;

    private ShardSession(ShardSlice slice, ShardOptions options, Path dir, PrintWriter console,
                         Coordinator coordinator, RendezvousClient client, ShardStartGate gate) {
        this.slice = slice;
        this.options = options;
        this.dir = dir;
        this.console = console;
        this.coordinator = coordinator;
        this.client = client;
        this.gate = gate;
    }

    /**
     * Joins the rendezvous (hosting it on shard 0), or returns null for a whole run.
     *
     * @throws UserError when the rendezvous cannot be reached or refuses this shard (a restarted one)
     */
    static ShardSession open(ShardOptions options, Map<String, String> env, Path dir, PrintWriter console,
                             CapacitySpec spec) throws InterruptedException {
        List<Integer> connections = new ArrayList<>();
        for (int step = 0; step < spec.steps(); step++) {
            connections.add(spec.connectionsAt(step));
        }
        return open(options, env, dir, console, "--connections", connections);
    }

    /**
     * As above, for a run of {@code connections} connections at each of its steps (or transports), named by
     * {@code option} when a shard would get none.
     */
    static ShardSession open(ShardOptions options, Map<String, String> env, Path dir, PrintWriter console,
                             String option, List<Integer> connections) throws InterruptedException {
        ShardSlice slice = options.slice(env);
        if (slice == null) {
            return null;
        }
        for (int total : connections) {
            if (slice.connections(total) < 1) {
                throw UserError.usage(option + " " + total + " over " + slice.count() + " shards leaves shard "
                        + slice.index() + " without a connection: give every shard at least one");
            }
        }
        InetSocketAddress rendezvous = options.rendezvous(env);
        refuseEarlierShard(dir);
        String host = hostName();
        ShardRecord record = new ShardRecord(ShardRecord.FORMAT, slice.index(), slice.count(), null,
                UUID.randomUUID().toString(), host, null, rendezvous.getHostString() + ":" + rendezvous.getPort(),
                Instant.now().toString(), ShardRecord.RUNNING, null, List.of());
        save(record, dir);
        Coordinator coordinator = null;
        if (slice.index() == 0 && !options.externalRendezvous) {
            try {
                coordinator = new Coordinator(new InetSocketAddress(rendezvous.getPort()), slice.count(),
                        options.rendezvousTimeout, options.allowMissing, options.collect, line -> say(console, line));
            } catch (IOException e) {
                throw UserError.failure("--rendezvous: shard 0 cannot listen on port " + rendezvous.getPort() + ": "
                        + e.getMessage());
            }
            say(console, "shard 0/" + slice.count() + ": hosting the rendezvous on port " + rendezvous.getPort());
        }
        RendezvousClient client;
        try {
            client = RendezvousClient.join(rendezvous, slice.index(), slice.count(), record.attempt(), host,
                    options.rendezvousTimeout);
        } catch (StartGate.StartRefusedException e) {
            save(record.withStatus(ShardRecord.REFUSED, e.getMessage()), dir);
            if (coordinator != null) {
                closeQuietly(coordinator);
            }
            throw UserError.failure(e.getMessage());
        }
        record = record.joined(client.runId(), client.localAddress());
        save(record, dir);
        say(console, "shard " + slice + ": joined run " + client.runId() + " at " + record.rendezvous());
        return new ShardSession(slice, options, dir, console, coordinator, client,
                new ShardStartGate(client, record, dir, line -> say(console, line)));
    }

    /** The shard of {@code session}; the whole run for none. */
    static ShardSlice slice(ShardSession session) {
        return session == null ? ShardSlice.WHOLE : session.slice;
    }

    /** The start gate of {@code session}; an immediate start for none. */
    static StartGate gate(ShardSession session) {
        return session == null ? StartGate.IMMEDIATE : session.gate;
    }

    /** Ends {@code session} (if any) after its run: finished, or interrupted. */
    static void finish(ShardSession session, boolean interrupted) throws InterruptedException {
        if (session != null) {
            session.finish(interrupted ? ShardRecord.FAILED : ShardRecord.FINISHED,
                    interrupted ? "interrupted" : null);
        }
    }

    /** Records {@code error} as the end of {@code session} (if any), and returns it to be thrown. */
    static UserError failed(ShardSession session, UserError error) {
        if (session != null) {
            session.gate.end(ShardRecord.FAILED, error.getMessage());
            session.client.finish(session.dir, false);
        }
        return error;
    }

    static void close(ShardSession session) {
        if (session != null) {
            session.close();
        }
    }

    /**
     * Ends this shard: its record's status, then "done" to the rendezvous (with its files, with {@code --collect}).
     * Shard 0 then waits for the others and merges what they uploaded.
     */
    private void finish(String status, String message) throws InterruptedException {
        gate.end(status, message);
        keepInResult(dir, gate.record());
        client.finish(dir, options.collect != null);
        if (coordinator == null) {
            return;
        }
        boolean all = coordinator.awaitDone(options.rendezvousTimeout.plusMinutes(1));
        if (options.collect == null) {
            return;
        }
        if (!all) {
            say(console, "shard 0: not every shard reported done"
                    + (coordinator.failure() != null ? " (" + coordinator.failure() + ")" : "")
                    + "; merging what was collected");
        }
        Path merged = options.collect.resolve("merged");
        try {
            MergeCommand.mergeInto(ShardDirectories.in(options.collect), merged, console);
        } catch (UserError e) {
            say(console, "shard 0: cannot merge the collected results: " + e.getMessage());
        }
        linger();
    }

    private void linger() throws InterruptedException {
        if (options.linger.isZero()) {
            return;
        }
        Path fetched = options.collect.resolve(".fetched");
        say(console, "shard 0: results in " + options.collect.toAbsolutePath() + "; waiting up to "
                + options.linger.toMinutes() + " min for them to be fetched (touch " + fetched + " to end now)");
        long deadline = System.nanoTime() + options.linger.toNanos();
        while (System.nanoTime() < deadline && !Files.exists(fetched)) {
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    @Override
    public void close() {
        client.close();
        if (coordinator != null) {
            closeQuietly(coordinator);
        }
    }

    private static void closeQuietly(Coordinator coordinator) {
        try {
            coordinator.close();
        } catch (IOException ignored) {
            // Closing a listening socket.
        }
    }

    /** The shard's identity and clocks also in its {@code result.json}, as field {@code shard}. */
    private static void keepInResult(Path dir, ShardRecord record) {
        try {
            if (Files.isRegularFile(dir.resolve(ResultFiles.RESULT_JSON))) {
                ResultFiles.putField(dir, "shard", record);
            }
        } catch (IOException e) {
            throw UserError.failure("--out " + dir + ": cannot write " + ResultFiles.RESULT_JSON + ": " + e.getMessage());
        }
    }

    private static void save(ShardRecord record, Path dir) {
        try {
            record.write(dir);
        } catch (IOException e) {
            throw UserError.failure("--out " + dir + ": cannot write " + ShardRecord.FILE + ": " + e.getMessage());
        }
    }

    /** A directory that holds a shard's results already keeps them: a restarted shard must not overwrite them. */
    private static void refuseEarlierShard(Path dir) {
        try {
            ShardRecord earlier = ShardRecord.read(dir);
            if (earlier != null) {
                throw UserError.usage("--out " + dir + " already holds the results of shard " + earlier.index() + "/"
                        + earlier.count() + (earlier.runId() == null ? "" : " of run " + earlier.runId())
                        + ": give each shard attempt a directory of its own");
            }
        } catch (IOException e) {
            throw UserError.usage("--out " + dir + ": cannot read " + ShardRecord.FILE + ": " + e.getMessage());
        }
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void say(PrintWriter console, String line) {
        synchronized (console) {
            console.println(line);
            console.flush();
        }
    }
}
