package io.pushbench.interop;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A server program of others started as a process of the test's: finding it installed, free
 * ports, waiting until it listens, stopping it by PID. Shared by the interop fixtures.
 */
final class ExternalServer implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private ExternalServer(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * The first of {@code candidates} that exists, else the program {@code command} on the PATH.
     *
     * @throws AssertionError "NAME is not installed: HINT" when none is found
     */
    static Path installed(List<Path> candidates, String what, String hint) {
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        String command = candidates.get(0).getFileName().toString();
        String path = System.getenv("PATH");
        if (path != null && !command.endsWith(".so")) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir, command);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        throw new AssertionError(what + " is not installed, and this interoperability test needs it: " + hint);
    }

    /** {@code count} distinct ports of 127.0.0.1 that were free a moment ago. */
    static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                held.add(s);
                ports.add(s.getLocalPort());
            }
            return List.copyOf(ports);
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }

    /**
     * Starts {@code command} in {@code dir} (its output into {@code log} unless the program
     * writes its own there) and waits until each of {@code ports} accepts a TCP connection.
     *
     * @throws IOException with the log's text when it ended or did not listen in time
     */
    static ExternalServer start(String name, List<String> command, Path dir, List<Integer> ports, Path log,
                                long timeoutMillis) throws IOException, InterruptedException {
        Path output = dir.resolve(name + ".out");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        ExternalServer server = new ExternalServer(name, process, log);
        long deadline = System.currentTimeMillis() + timeoutMillis;
        for (int port : ports) {
            while (!accepts(port)) {
                if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                    String why = process.isAlive() ? "did not listen on " + port + " within " + timeoutMillis + " ms"
                            : "ended with exit code " + process.exitValue();
                    server.close();
                    throw new IOException(name + " " + why + ": " + server.log() + read(output));
                }
                Thread.sleep(20);
            }
        }
        return server;
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(" + file + " unreadable: " + e.getMessage() + ")";
        }
    }

    long pid() {
        return process.pid();
    }

    String log() {
        return read(log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
