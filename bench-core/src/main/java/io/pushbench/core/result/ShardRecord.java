package io.pushbench.core.result;

import io.pushbench.core.spec.ShardSlice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@value #FILE} holds in a shard's result directory: which shard of which run it is, where it ran, and
 * for every step it started, how its clock related to the rendezvous's and how far its start may have been
 * from the shared start. Written when the shard joins the rendezvous and after every start and at the end, so
 * a shard that dies leaves the steps it started; {@code merge} reads it beside the shard's {@code result.json}.
 *
 * @param format     {@value #FORMAT}
 * @param index      the shard's index, from 0
 * @param count      how many shards the run has
 * @param runId      the run's identity, given by the rendezvous; null if the shard never joined
 * @param attempt    this process's own identity: a restarted shard has another, and is refused by the rendezvous
 * @param host       the host name the shard ran on
 * @param address    the address it reached the rendezvous from
 * @param rendezvous the rendezvous address
 * @param startedAt  ISO-8601 UTC time the shard started
 * @param status     {@value #RUNNING}, {@value #FINISHED}, {@value #FAILED} or {@value #REFUSED}
 * @param message    why it failed or was refused; null otherwise
 * @param starts     one per step started, in order
 */
public record ShardRecord(String format, int index, int count, String runId, String attempt, String host,
                          String address, String rendezvous, String startedAt, String status, String message,
                          List<Start> starts) {

    /** The file's name in a shard's result directory. */
    public static final String FILE = "shard.json";
    public static final String FORMAT = "pushbench-shard/1";
    public static final String RUNNING = "running";
    public static final String FINISHED = "finished";
    public static final String FAILED = "failed";
    public static final String REFUSED = "refused";

    public ShardRecord {
        starts = starts == null ? List.of() : List.copyOf(starts);
    }

    /**
     * One step's synchronized start, as this shard measured it. Clocks: the rendezvous's monotonic clock is the
     * reference; this shard's offset to it was estimated NTP-style (the exchange with the shortest round trip),
     * and is known to within {@code clockErrorNanos} (half that round trip).
     *
     * @param step               the step, from 1
     * @param clockOffsetNanos   the rendezvous's clock minus this shard's, nanoseconds
     * @param clockErrorNanos    the bound on that offset's error, nanoseconds
     * @param startLatenessNanos how late the start reached this shard (0 when it arrived ahead of time)
     * @param skewBoundNanos     the most this shard's start may differ from the shared start: the clock error plus
     *                           the lateness
     * @param startedAtUtc       the start, ISO-8601 UTC, by this host's wall clock
     * @param shards             the shards that started the step together
     * @param missing            shards excluded from it (not at the rendezvous, with {@code --allow-missing-shards})
     */
    public record Start(int step, long clockOffsetNanos, long clockErrorNanos, long startLatenessNanos,
                        long skewBoundNanos, String startedAtUtc, List<Integer> shards, List<Integer> missing) {
        public Start {
            shards = List.copyOf(shards);
            missing = List.copyOf(missing);
        }
    }

    /** The shard this record is of. */
    public ShardSlice slice() {
        return new ShardSlice(index, count);
    }

    /** This record with {@code start} added. */
    public ShardRecord withStart(Start start) {
        List<Start> all = new ArrayList<>(starts);
        all.add(start);
        return new ShardRecord(format, index, count, runId, attempt, host, address, rendezvous, startedAt, status,
                message, all);
    }

    /** This record with another status and message. */
    public ShardRecord withStatus(String newStatus, String why) {
        return new ShardRecord(format, index, count, runId, attempt, host, address, rendezvous, startedAt, newStatus,
                why, starts);
    }

    /** This record as joined to run {@code id} from {@code from}. */
    public ShardRecord joined(String id, String from) {
        return new ShardRecord(format, index, count, id, attempt, host, from, rendezvous, startedAt, status, message,
                starts);
    }

    /** The start of {@code step}, or null when this shard did not start it. */
    public Start startOf(int step) {
        return starts.stream().filter(s -> s.step() == step).findFirst().orElse(null);
    }

    /** Writes {@value #FILE} into {@code dir}, atomically. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(FILE + ".tmp");
        ResultFiles.mapper().writeValue(tmp.toFile(), this);
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads {@value #FILE} from {@code dir}, or null when there is none. */
    public static ShardRecord read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        return Files.isRegularFile(file) ? ResultFiles.mapper().readValue(file.toFile(), ShardRecord.class) : null;
    }
}
