package io.pushbench.core.engine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The memory this JVM uses: heap in use and resident set size (also of another process, by PID). Thread-safe. */
public final class ProcessMemory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {
    }

    /**
     * Growth of the process's memory per connection.
     *
     * @param heapBytes heap in use above the level before the connections opened, per connection; an
     *                  upper bound, as it includes garbage not yet collected (and can come out negative
     *                  when a collection ran in between)
     * @param rssBytes  the same for the resident set size (negative when it shrank); exactly -1 where unknown
     */
    public record PerConnection(double heapBytes, double rssBytes) {
    }

    /**
     * How much heap and resident set grew since {@code heapBefore} and {@code rssBefore} (read with
     * {@link #heapUsedBytes()} and {@link #rssBytes()}), divided over {@code connections} (at least 1).
     */
    public static PerConnection perConnection(long heapBefore, long rssBefore, int connections) {
        long heap = heapUsedBytes();
        long rss = rssBytes();
        int per = Math.max(1, connections);
        return new PerConnection((double) (heap - heapBefore) / per,
                rss < 0 || rssBefore < 0 ? -1 : (double) (rss - rssBefore) / per);
    }

    /** Heap in use now, bytes, garbage not yet collected included. */
    public static long heapUsedBytes() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Resident set size of the process, bytes, from {@code VmRSS} in {@code /proc/self/status}; -1 where there is none. */
    public static long rssBytes() {
        return rssBytes(STATUS);
    }

    /** Resident set size of process {@code pid}, bytes, from {@code /proc/<pid>/status}; -1 where there is none. */
    public static long rssBytes(long pid) {
        return rssBytes(Path.of("/proc", Long.toString(pid), "status"));
    }

    private static long rssBytes(Path status) {
        try {
            List<String> lines = Files.readAllLines(status);
            for (String line : lines) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or an unexpected format: the figure is reported as unknown.
        }
        return -1;
    }
}
