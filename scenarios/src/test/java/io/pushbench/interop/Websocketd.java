package io.pushbench.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's websocketd, a WebSocket server written by others that runs a program per connection
 * (each text message a line on the program's stdin, each line it prints a message), in a process
 * of its own on a free port of 127.0.0.1, stopped by its PID. What it serves is a shell script of
 * the test's: a server with a protocol that nchan has not, such as pushing only after a subscribe
 * message. Fails the test with the install command when websocketd is missing.
 *
 * <p>Not thread-safe: one test thread starts and closes it.
 */
final class Websocketd implements AutoCloseable {

    /** What installs it on Debian; {@code .ci/run} does it when it is missing. */
    static final String INSTALL_HINT = "apt-get install -y websocketd";

    private static final List<Path> PATHS = List.of(Path.of("/usr/bin/websocketd"), Path.of("/usr/local/bin/websocketd"));
    private static final long START_TIMEOUT_MILLIS = 15_000;

    private final ExternalServer process;
    private final int port;

    private Websocketd(ExternalServer process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts websocketd serving {@code program} (an executable file) for every connection, its log
     * in {@code dir}, and waits until it listens.
     */
    static Websocketd start(Path dir, Path program) throws IOException, InterruptedException {
        Path websocketd = ExternalServer.installed(PATHS, "websocketd", INSTALL_HINT);
        int port = ExternalServer.freePorts(1).get(0);
        ExternalServer process = ExternalServer.start("websocketd", List.of(websocketd.toString(),
                        "--address=127.0.0.1", "--port=" + port, "--loglevel=error", program.toString()),
                dir, List.of(port), dir.resolve("websocketd.out"), START_TIMEOUT_MILLIS);
        return new Websocketd(process, port);
    }

    /** {@code ws://127.0.0.1:port/}. */
    String url() {
        return "ws://127.0.0.1:" + port + "/";
    }

    /** What websocketd logged so far. */
    String log() {
        return process.log();
    }

    /** Stops websocketd by its PID and waits for it to end. */
    @Override
    public void close() {
        process.close();
    }
}
