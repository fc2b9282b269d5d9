package io.pushbench.core.shard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the progress file a shard appends to once a second ({@code step second delivered}): what a
 * shard that died had recorded by its last flushed second.
 */
final class ShardProgressFile {

    /** Its name in a shard's result directory (written by the engine's shard progress log). */
    static final String NAME = io.pushbench.core.engine.ShardProgressLog.FILE;

    private ShardProgressFile() {
    }

    /** Deliveries in the measured window of {@code step} by the last line written for it; 0 when none. */
    static long lastDelivered(Path dir, int step) throws IOException {
        Path file = dir.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        long delivered = 0;
        for (String line : lines) {
            String[] parts = line.trim().split(" ");
            // A last line cut short by the kill has fewer fields: the line before it stands.
            if (parts.length == 3 && parts[0].equals(Integer.toString(step))) {
                try {
                    delivered = Long.parseLong(parts[2]);
                } catch (NumberFormatException e) {
                    break;
                }
            }
        }
        return delivered;
    }
}
