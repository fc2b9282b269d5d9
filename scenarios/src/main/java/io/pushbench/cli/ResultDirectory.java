package io.pushbench.cli;

import io.pushbench.core.engine.StepResults;
import io.pushbench.core.result.CapacityResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Creates the directory a run writes its results into, checks it can be written before the run starts, and writes results into it. */
final class ResultDirectory {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private ResultDirectory() {
    }

    /**
     * @param requested the {@code --out} value, or {@code null} for {@code pushbench-results/<date-time>}
     * @throws UserError naming {@code --out} when the directory cannot be created or written
     */
    static Path prepare(Path requested) {
        Path dir = requested != null ? requested
                : Path.of("pushbench-results", LocalDateTime.now().format(STAMP));
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw UserError.usage("--out " + dir + ": cannot write there (" + reason(e) + ")");
        }
        return dir;
    }

    /**
     * Writes a capacity run's {@code result.json} into {@code dir}.
     *
     * @throws UserError naming {@code --out} when it cannot be written
     */
    static void write(Path dir, CapacityResult result) {
        try {
            StepResults.write(dir, result);
        } catch (UncheckedIOException e) {
            throw UserError.failure("--out " + dir + ": " + e.getMessage());
        }
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file is in the way";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
