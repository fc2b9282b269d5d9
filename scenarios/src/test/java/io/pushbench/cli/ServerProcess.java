package io.pushbench.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pushbench serve} in a process of its own, as a user's server would be: started with this
 * JVM's class path on a free port (the port, and a TLS port's, are read from what it prints),
 * stopped by PID.
 */
final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on ([0-9.]+):(\\d+)");
    private static final Pattern TLS = Pattern.compile("https://[0-9.]+:(\\d+)/.*certificate: (\\S+)");
    private static final long START_TIMEOUT_SECONDS = 20;

    private final Process process;
    private final int port;
    private final StringBuilder printed;

    private ServerProcess(Process process, int port, StringBuilder printed) {
        this.process = process;
        this.port = port;
        this.printed = printed;
    }

    private static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");

    /** Starts {@code pushbench serve --port 0} with {@code options} and waits until it listens. */
    static ServerProcess start(String... options) throws IOException, InterruptedException {
        return start(DEFAULT_JVM_OPTIONS, options);
    }

    /** The same with the given JVM options. */
    static ServerProcess start(List<String> jvmOptions, String... options) throws IOException, InterruptedException {
        return start(jvmOptions, 0, options);
    }

    /** Starts {@code pushbench serve --port PORT} (a server restarted where an earlier one listened). */
    static ServerProcess startOn(int port, String... options) throws IOException, InterruptedException {
        return start(DEFAULT_JVM_OPTIONS, port, options);
    }

    private static ServerProcess start(List<String> jvmOptions, int port, String... options)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Djava.net.preferIPv4Stack=true", "-cp", System.getProperty("java.class.path"),
                "io.pushbench.cli.PushBench", "serve", "--port", Integer.toString(port)));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        StringBuilder printed = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                int printedPort = -1;
                for (String line; (line = out.readLine()) != null; ) {
                    synchronized (printed) {
                        printed.append(line).append('\n');
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        printedPort = Integer.parseInt(m.group(2));
                    }
                    // serve prints this last, after every endpoint.
                    if (line.startsWith("stop with Ctrl-C") && printedPort > 0) {
                        listening.complete(printedPort);
                    }
                }
            } catch (IOException e) {
                // The process ended; its output ends here.
            }
            listening.completeExceptionally(new IOException("the server ended before it listened"));
        }, "server-process-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ServerProcess(process, listening.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS), printed);
        } catch (ExecutionException | TimeoutException e) {
            kill(process);
            synchronized (printed) {
                throw new IOException("pushbench serve did not start: " + printed, e);
            }
        }
    }

    /** The server's process id. */
    long pid() {
        return process.pid();
    }

    /** The port it listens on, at 127.0.0.1. */
    int port() {
        return port;
    }

    /** The TLS port, from what {@code serve --tls-port 0} printed. */
    int tlsPort() {
        return Integer.parseInt(tlsLine().group(1));
    }

    /** The certificate file {@code serve --tls-port} wrote for clients to trust. */
    Path certificate() {
        return Path.of(tlsLine().group(2));
    }

    private Matcher tlsLine() {
        synchronized (printed) {
            Matcher m = TLS.matcher(printed);
            if (!m.find()) {
                throw new IllegalStateException("the server printed no TLS endpoint: " + printed);
            }
            return m;
        }
    }

    /** {@code scheme://127.0.0.1:port}. */
    String base(String scheme) {
        return scheme + "://127.0.0.1:" + port;
    }

    /** Stops the process by its PID: SIGTERM, then SIGKILL if it is still there after five seconds. */
    void stop() {
        kill(process);
    }

    /** Kills the process by its PID with SIGKILL, as a crash would: no shutdown hook runs, sockets are reset. */
    void crash() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        stop();
    }

    private static void kill(Process process) {
        ProcessHandle handle = ProcessHandle.of(process.pid()).orElse(null);
        if (handle == null) {
            return;
        }
        handle.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                handle.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
