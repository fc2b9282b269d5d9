package io.pushbench.core.shard;

import io.pushbench.core.engine.StartGate;
import io.pushbench.core.result.ShardRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * A shard's {@link StartGate}: each step waits at the rendezvous for the shared start, and the
 * start (clock offset, error bound, lateness, who started) is added to the shard's
 * {@value ShardRecord#FILE} at once, so a shard that dies during the step leaves it behind.
 */
public final class ShardStartGate implements StartGate {

    private final RendezvousClient rendezvous;
    private final Path dir;
    private final Consumer<String> log;
    private ShardRecord record;
    private int step;

    public ShardStartGate(RendezvousClient rendezvous, ShardRecord record, Path dir, Consumer<String> log) {
        this.rendezvous = rendezvous;
        this.record = record;
        this.dir = dir;
        this.log = log;
    }

    @Override
    public long startAt(long earliestNanos) {
        step++;
        RendezvousClient.Start start = rendezvous.awaitStart(step);
        long skew = start.clockErrorNanos() + start.latenessNanos();
        long untilStart = start.localStartNanos() - System.nanoTime();
        String wallClock = Instant.now().plusNanos(untilStart).toString();
        record = record.withStart(new ShardRecord.Start(step, start.clockOffsetNanos(), start.clockErrorNanos(),
                start.latenessNanos(), skew, wallClock, start.shards(), start.missing()));
        save();
        log.accept(String.format(java.util.Locale.ROOT, "shard %d/%d: step %d starts with shards %s%s; clock offset "
                        + "%.3f ms +/- %.3f ms, skew bound %.3f ms", record.index(), record.count(), step,
                start.shards(), start.missing().isEmpty() ? "" : " (without " + start.missing() + ")",
                start.clockOffsetNanos() / 1e6, start.clockErrorNanos() / 1e6, skew / 1e6));
        // The shared start, even when it is already past: the plan catches up, and the lateness is in the skew.
        return start.localStartNanos();
    }

    /** The record as it stands. */
    public ShardRecord record() {
        return record;
    }

    /** Sets the final status and writes the record. */
    public void end(String status, String message) {
        record = record.withStatus(status, message);
        save();
    }

    private void save() {
        try {
            record.write(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(ShardRecord.FILE) + ": " + e.getMessage(), e);
        }
    }
}
