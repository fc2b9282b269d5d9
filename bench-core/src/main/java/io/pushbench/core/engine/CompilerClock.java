package io.pushbench.core.engine;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The CPU time of this JVM's JIT compiler threads, which the JVM's management beans do not show
 * (they hide the compiler threads): read from {@code /proc/self/task/<tid>/schedstat} (nanoseconds on
 * a CPU) of the threads whose name holds {@code CompilerThre}, as HotSpot names them ({@code C2
 * CompilerThread0}, cut to 15 characters by the kernel). The generator's CPU figures, and the
 * generator floor's, leave this out: they are the steady cost of the generator, not of compiling it.
 * Thread-safe.
 */
public final class CompilerClock {

    private static final Path TASKS = Path.of("/proc/self/task");

    private CompilerClock() {
    }

    /** CPU time the live compiler threads used so far, nanoseconds; -1 where {@code /proc} does not say. */
    public static long cpuNanos() {
        if (!Files.isDirectory(TASKS)) {
            return -1;
        }
        long total = 0;
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                total += compilerNanos(task);
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return total;
    }

    /** The task's CPU time when it is a compiler thread, else 0; 0 as well when it ended meanwhile. */
    private static long compilerNanos(Path task) {
        try {
            if (!Files.readString(task.resolve("comm")).contains("CompilerThre")) {
                return 0;
            }
            String schedstat = Files.readString(task.resolve("schedstat"));
            return Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * How busy the JIT compilers were so far, milliseconds: their CPU where {@code /proc} says, else
     * the JVM's total compilation time (elapsed, not CPU); -1 when neither is known. Only differences
     * of two readings of one run mean anything.
     */
    public static long busyMillis() {
        long cpu = cpuNanos();
        if (cpu >= 0) {
            return cpu / 1_000_000;
        }
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }
}
