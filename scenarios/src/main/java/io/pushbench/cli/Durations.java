package io.pushbench.cli;

import java.time.Duration;

/** Formats durations the way users write them on the command line. */
final class Durations {

    private Durations() {
    }

    /** {@code 500ms}, {@code 10s}, {@code 2.5s}. */
    static String format(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return String.format("%.1fs", millis / 1000.0);
    }
}
