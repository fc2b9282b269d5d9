package io.pushbench.maven;

import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the command line prints, passed on line by line to Maven's log as it comes, and kept, so
 * that a failure can quote it. Not thread-safe: one run writes to it.
 */
final class LogWriter extends Writer {

    private final Consumer<String> log;
    private final StringBuilder line = new StringBuilder();
    private final List<String> lines = new ArrayList<>();

    /** @param log where each line goes, e.g. {@code getLog()::info} */
    LogWriter(Consumer<String> log) {
        this.log = log;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            char c = chars[i];
            if (c == '\n') {
                emit();
            } else if (c != '\r') {
                line.append(c);
            }
        }
    }

    private void emit() {
        String text = line.toString();
        line.setLength(0);
        lines.add(text);
        log.accept(text);
    }

    @Override
    public void flush() {
        // Lines go out as they end; a partial line waits for its end or for close().
    }

    @Override
    public void close() {
        if (!line.isEmpty()) {
            emit();
        }
    }

    /** Every line written so far. */
    List<String> lines() {
        return List.copyOf(lines);
    }
}
