package io.pushbench.core.engine;

import io.pushbench.core.record.IntervalLog;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Appends one line per second of a shard's step to {@value #FILE}: {@code step second delivered},
 * the deliveries counted in the measured window so far, flushed at once. When a shard dies, this
 * is what it had recorded by its last flushed second; {@code merge} counts the rest of its planned
 * deliveries as lost.
 */
public final class ShardProgressLog implements IntervalLog.IntervalListener {

    /** The file's name in the shard's result directory. */
    public static final String FILE = "shard-progress.log";

    private final Path file;
    private final int step;
    private final LongSupplier delivered;
    private int second;

    ShardProgressLog(Path resultDir, int step, LongSupplier delivered) {
        this.file = resultDir.resolve(FILE);
        this.step = step;
        this.delivered = delivered;
    }

    @Override
    public void onInterval(Map<String, Histogram> intervals) {
        second++;
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            out.write(step + " " + second + " " + delivered.getAsLong() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }
}
