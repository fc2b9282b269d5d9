package io.pushbench.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.pushbench.core.testing.Await.awaitTrue;

/**
 * curl, an HTTP client that shares no code with pushbench, run as a process for interoperability
 * checks. Its output is read as it comes, so a test waits for what it expects to arrive rather than
 * for curl to time out: an event stream never ends by itself.
 *
 * <p>Thread-safety: one test thread uses it; the output is collected on a reader thread of its own.
 */
final class Curl implements AutoCloseable {

    /** A bound on curl's own run: far beyond what a check needs, so that it only stops a stuck curl. */
    private static final String MAX_SECONDS = "60";

    private final Process process;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final Thread reader;

    private Curl(Process process) {
        this.process = process;
        this.reader = new Thread(this::readOutput, "curl-output");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Whether curl is installed and runs. */
    static boolean available() {
        return version().isPresent();
    }

    /** Whether curl is installed and built with HTTP/2 (nghttp2), per the features of {@code curl -V}. */
    static boolean speaksHttp2() {
        return version().map(v -> v.lines().anyMatch(line -> line.startsWith("Features:") && line.contains("HTTP2")))
                .orElse(false);
    }

    private static Optional<String> version() {
        try {
            Process p = new ProcessBuilder("curl", "-V").redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0
                    ? Optional.of(version) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Starts {@code curl -s --max-time 60} with {@code arguments}; stderr goes to the same output. */
    static Curl start(List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "--max-time", MAX_SECONDS));
        command.addAll(arguments);
        return new Curl(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** Everything curl wrote so far, as UTF-8. */
    String output() {
        synchronized (output) {
            return output.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits until curl wrote {@code text}; fails if it did not, or if curl ended first. */
    void awaitOutputContaining(String text) throws InterruptedException {
        try {
            awaitTrue(() -> output().contains(text) || !process.isAlive(), "curl wrote " + text.replace("\n", "\\n"));
        } catch (AssertionError timedOut) {
            throw new AssertionError(timedOut.getMessage() + "; it wrote: " + output().replace("\n", "\\n"), timedOut);
        }
        if (!output().contains(text)) {
            // curl ended: what it wrote last may still be on its way through the reader.
            reader.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertContains(text);
    }

    /** Waits until curl exits by itself and all it wrote was read; its exit value. */
    int awaitExit() throws InterruptedException {
        awaitTrue(() -> !process.isAlive(), "curl exited");
        reader.join(TimeUnit.SECONDS.toMillis(30));
        return process.exitValue();
    }

    /** Whether curl is still running: for a stream, whether it is still open. */
    boolean isRunning() {
        return process.isAlive();
    }

    private void assertContains(String text) {
        String all = output();
        if (!all.contains(text)) {
            throw new AssertionError("curl " + (process.isAlive() ? "is running" : "exited with "
                    + process.exitValue()) + " without writing " + text + "; it wrote: " + all);
        }
    }

    private void readOutput() {
        byte[] buffer = new byte[8192];
        try (InputStream in = process.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (output) {
                    output.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            if (process.isAlive()) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Stops curl if it still runs. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
