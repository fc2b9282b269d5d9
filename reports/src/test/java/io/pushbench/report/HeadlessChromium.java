package io.pushbench.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Opens a page in headless Chromium and returns the DOM after it loaded ({@code --dump-dom}).
 * Bounded in time: a browser that has not finished in {@link #TIMEOUT_SECONDS} is killed, with
 * the processes it started, by their ids.
 */
final class HeadlessChromium {

    /** How long a page may take to load and be dumped, seconds. */
    static final long TIMEOUT_SECONDS = 60;

    /** Where a browser is looked for, after {@code $PUSHBENCH_CHROMIUM}: names on the PATH, then fixed paths. */
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome",
            "google-chrome-stable");
    private static final List<String> PATHS = List.of("/usr/bin/chromium",
            "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
            "/Applications/Chromium.app/Contents/MacOS/Chromium");

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    /** The browser of this machine, if one is installed. */
    static Optional<HeadlessChromium> find() {
        String configured = System.getenv("PUSHBENCH_CHROMIUM");
        Stream<Path> candidates = Stream.concat(
                configured == null || configured.isBlank() ? Stream.empty() : Stream.of(Path.of(configured)),
                Stream.concat(onPath(), PATHS.stream().map(Path::of)));
        return candidates.filter(Files::isExecutable).findFirst().map(HeadlessChromium::new);
    }

    private static Stream<Path> onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Stream.empty();
        }
        return Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isBlank())
                .flatMap(dir -> NAMES.stream().map(name -> Path.of(dir, name)));
    }

    /**
     * Loads a page from disk and returns its DOM once loaded.
     *
     * @param scratch an empty directory for the browser's profile and output
     * @throws IOException if the browser fails or does not finish in time
     */
    String dumpDom(Path page, Path scratch) throws IOException, InterruptedException {
        Path profile = Files.createDirectories(scratch.resolve("profile"));
        Path out = scratch.resolve("dom.html");
        Path err = scratch.resolve("chromium.log");
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--user-data-dir=" + profile,
                // Lets the page settle (images decoded, load handlers run) before the DOM is dumped.
                "--virtual-time-budget=5000",
                "--dump-dom", page.toUri().toString()));
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new IOException("Chromium did not finish in " + TIMEOUT_SECONDS + " s; killed (pid " + process.pid() + ")");
        }
        if (process.exitValue() != 0) {
            throw new IOException("Chromium exited with " + process.exitValue() + ": " + tail(err));
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static String tail(Path log) throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        return text.length() <= 2000 ? text : text.substring(text.length() - 2000);
    }

    @Override
    public String toString() {
        return binary.toString();
    }
}
