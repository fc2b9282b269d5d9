package io.pushbench.cli;

import io.pushbench.core.engine.ProcessMemory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the soak watches in one JVM on Linux, this one or another by PID: heap in use after a forced
 * full GC, resident set size, and open file descriptors. Another JVM's heap is read with the JDK's
 * {@code jcmd} ({@code GC.run}, then {@code GC.heap_info}); the rest comes from {@code /proc}.
 * Each figure is -1 when it cannot be read. Not thread-safe: one caller.
 */
final class SoakProbe {

    /** {@code GC.heap_info}'s first line, e.g. {@code garbage-first heap   total 262144K, used 10240K [...]}. */
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
    private static final long JCMD_TIMEOUT_SECONDS = 30;

    private final String name;
    private final long pid;

    private SoakProbe(String name, long pid) {
        this.name = name;
        this.pid = pid;
    }

    /** This JVM. */
    static SoakProbe self(String name) {
        return new SoakProbe(name, ProcessHandle.current().pid());
    }

    /** The JVM with process id {@code pid}, started by the same user. */
    static SoakProbe of(String name, long pid) {
        return new SoakProbe(name, pid);
    }

    /** Heap in use after a full GC and resident set size, bytes; -1 for what could not be read. */
    record Levels(long heapAfterGcBytes, long rssBytes) {
    }

    String name() {
        return name;
    }

    /** Both levels, now. */
    Levels levels() {
        return new Levels(heapAfterGcBytes(), rssBytes());
    }

    /** Heap in use right after a full GC, bytes. */
    long heapAfterGcBytes() {
        // Twice: what the first collection only finalizes or unlinks is gone after the second.
        if (pid == ProcessHandle.current().pid()) {
            System.gc();
            System.gc();
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }
        jcmd("GC.run");
        jcmd("GC.run");
        Matcher m = HEAP_USED.matcher(jcmd("GC.heap_info"));
        return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
    }

    /** Resident set size, bytes. */
    long rssBytes() {
        return ProcessMemory.rssBytes(pid);
    }

    /**
     * What the open file descriptors point to ({@code socket:[123]}, {@code /dev/urandom}, ...),
     * class path jars aside: the JVM opens a jar when it first loads a class from it and keeps it
     * open for good, which is not a leak. Null when {@code /proc} cannot be read.
     */
    List<String> openFiles() {
        Path fds = Path.of("/proc", Long.toString(pid), "fd");
        try (Stream<Path> entries = Files.list(fds)) {
            return entries.map(SoakProbe::target).filter(t -> !t.isEmpty() && !t.endsWith(".jar")).toList();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String target(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return "";  // Closed between the listing and now.
        }
    }

    private String jcmd(String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "";
            }
            return output;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
