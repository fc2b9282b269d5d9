package io.pushbench.core.driver.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One headless Chromium, started as a child process with a profile of its own in a temporary directory,
 * and stopped by its process id (its renderer and helper processes with it).
 *
 * <p>The flags keep the browser from doing anything but run the pages: no first-run dialogs, no
 * background networking, and no throttling of timers or renderers of pages it considers hidden, which
 * would clamp the page's batching timer and event-loop probe to a second. The pages reach servers
 * under other origins than the page server's: {@code --disable-web-security} lets them, as a page
 * served from the push server's own origin would (no CORS preflight is added per poll). A
 * self-signed certificate of the server is accepted with {@code --ignore-certificate-errors}.
 */
final class ChromiumProcess implements AutoCloseable {

    private final Process process;
    private final Path profile;

    private ChromiumProcess(Process process, Path profile) {
        this.process = process;
        this.profile = profile;
    }

    /**
     * Starts Chromium on {@code urls}, one tab each.
     *
     * @param extraFlags flags for this browser (e.g. {@code --disable-http2}, host resolver rules)
     */
    static ChromiumProcess start(Path executable, List<String> extraFlags, List<String> urls) {
        Path profile;
        Path scratch;
        try {
            profile = Files.createTempDirectory("pushbench-chromium-");
            scratch = Files.createDirectory(profile.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a profile directory for Chromium: " + e.getMessage(), e);
        }
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.add("--headless=new");
        command.add("--user-data-dir=" + profile);
        command.add("--no-first-run");
        command.add("--no-default-browser-check");
        command.add("--disable-gpu");
        command.add("--disable-extensions");
        command.add("--disable-sync");
        command.add("--disable-component-update");
        command.add("--disable-background-networking");
        command.add("--disable-default-apps");
        command.add("--disable-background-timer-throttling");
        command.add("--disable-renderer-backgrounding");
        command.add("--disable-backgrounding-occluded-windows");
        command.add("--disable-ipc-flooding-protection");
        command.add("--disable-dev-shm-usage");
        command.add("--disable-web-security");
        command.add("--ignore-certificate-errors");
        command.add("--mute-audio");
        if (isRoot()) {
            // Chromium refuses to run as root with its sandbox (containers, CI).
            command.add("--no-sandbox");
        }
        command.addAll(extraFlags);
        command.addAll(urls);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile());
        // Chromium makes scratch directories of its own (org.chromium.Chromium.*) in TMPDIR and
        // leaves them behind when it is stopped; inside the profile they go when it goes.
        builder.environment().put("TMPDIR", scratch.toString());
        try {
            return new ChromiumProcess(builder.start(), profile);
        } catch (IOException e) {
            deleteQuietly(profile);
            throw new UncheckedIOException("cannot start " + executable + ": " + e.getMessage(), e);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Whether the browser is still running. */
    boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines Chromium wrote, for an error message when it stopped early. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(profile.resolve("chromium.log"));
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /**
     * CPU time used so far by the browser and its live child processes (renderers, the GPU and
     * network services), nanoseconds, as the operating system reports it per process.
     */
    long cpuNanos() {
        return Stream.concat(Stream.of(process.toHandle()), process.descendants())
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                .sum();
    }

    /** Stops the browser by its process id, its child processes first, and deletes its profile. */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        deleteQuietly(profile);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A profile left in the temporary directory is harmless.
        }
    }
}
