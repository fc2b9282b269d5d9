package io.pushbench.cli;

import io.pushbench.core.shard.Coordinator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code pushbench coordinate}: the rendezvous of a sharded run as a process of its own, for shards
 * started with {@code --external-rendezvous}. Exits once every shard said it is done.
 */
@Command(name = "coordinate", sortOptions = false, mixinStandardHelpOptions = true,
        exitCodeListHeading = PushBench.EXIT_CODES_HEADING,
        exitCodeList = {PushBench.EXIT_CODE_OK, PushBench.EXIT_CODE_FAILURE, PushBench.EXIT_CODE_USAGE},
        description = {"Host the rendezvous of a sharded run (shards started with --external-rendezvous).",
            "Shards register when their connections are open; all get one start time per step; the clock of "
                + "this process is the reference the shards' offsets are measured against."})
final class CoordinateCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec command;

    @Option(names = "--shards", required = true, paramLabel = "N", description = "Shards in the run.")
    private int shards;

    @Option(names = "--listen", paramLabel = "[HOST:]PORT",
            description = "Where to listen. Default: all addresses, port " + ShardOptions.DEFAULT_PORT + ".")
    private String listen = "0.0.0.0:" + ShardOptions.DEFAULT_PORT;

    @Option(names = "--rendezvous-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long a step's rendezvous waits for a missing shard. Default: 2m.")
    private Duration timeout = Duration.ofMinutes(2);

    @Option(names = "--allow-missing-shards", description = "Start without shards that did not arrive in time.")
    private boolean allowMissing;

    @Option(names = "--collect", paramLabel = "DIR",
            description = "Take the shards' uploaded results into DIR/shard-I and merge them into DIR/merged.")
    private Path collect;

    @Override
    public Integer call() throws Exception {
        if (shards < 1) {
            throw UserError.usage("--shards must be at least 1");
        }
        PrintWriter console = command.commandLine().getOut();
        InetSocketAddress address = ShardOptions.parseAddress(listen.contains(":") ? listen : "0.0.0.0:" + listen,
                "--listen");
        try (Coordinator coordinator = new Coordinator(new InetSocketAddress(address.getHostString(),
                address.getPort()), shards, timeout, allowMissing, collect, line -> {
                    synchronized (console) {
                        console.println(line);
                        console.flush();
                    }
                })) {
            console.println("rendezvous: listening on " + address.getHostString() + ":" + coordinator.port()
                    + " for " + shards + " shards (run " + coordinator.runId() + ")");
            console.flush();
            boolean all = false;
            while (!all && coordinator.failure() == null) {
                all = coordinator.awaitDone(Duration.ofMinutes(1));
            }
            if (collect != null) {
                MergeCommand.mergeInto(ShardDirectories.in(collect), collect.resolve("merged"), console);
            }
            if (coordinator.failure() != null) {
                throw UserError.failure(coordinator.failure());
            }
        } catch (IOException e) {
            throw UserError.failure("--listen " + listen + ": " + e.getMessage());
        }
        return 0;
    }
}
