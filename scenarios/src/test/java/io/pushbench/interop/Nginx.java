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
import java.util.function.Function;

/**
 * Debian's nginx with the nchan pub/sub module, a push server written by others, in a process of
 * its own for an interoperability test: it writes its own {@code nginx.conf} into a directory of
 * the test's (error log, pid file and temporary files there too), listens on free ports of
 * 127.0.0.1 only, runs in the foreground as one process ({@code daemon off; master_process off}),
 * and is stopped by its PID. Where nginx or nchan is not installed, {@link #start} fails the test
 * with the command that installs them: an interoperability test that skips would pass having
 * tested nothing.
 *
 * <p>{@link #startNchan} gives the usual pub/sub pair: subscribers (WebSocket, EventSource, long
 * polling, chosen by the request) at {@code /sub?id=CHANNEL}, publishes by {@code POST
 * /pub?id=CHANNEL}. {@link #start(int, Function)} takes any {@code server} blocks (TLS, HTTP/2, a
 * stream limit) for the ports it is given.
 *
 * <p>Not thread-safe: one test thread starts and closes it.
 */
public final class Nginx implements AutoCloseable {

    /** What installs the servers these tests need, on Debian; {@code .ci/run} does it when they are missing. */
    public static final String INSTALL_HINT = "apt-get install -y nginx libnginx-mod-nchan";

    private static final List<Path> NGINX_PATHS = List.of(Path.of("/usr/sbin/nginx"), Path.of("/usr/bin/nginx"),
            Path.of("/usr/local/sbin/nginx"), Path.of("/usr/local/bin/nginx"));
    private static final List<Path> NCHAN_PATHS = List.of(Path.of("/usr/lib/nginx/modules/ngx_nchan_module.so"),
            Path.of("/usr/share/nginx/modules/ngx_nchan_module.so"));
    private static final long START_TIMEOUT_MILLIS = 15_000;

    /** nchan's subscriber and publisher locations: the channel is the {@code id} query parameter. */
    public static final String NCHAN_LOCATIONS = """
                    location = /sub { nchan_subscriber; nchan_channel_id $arg_id; }
                    location = /pub { nchan_publisher; nchan_channel_id $arg_id; }
            """;

    private final ExternalServer process;
    private final List<Integer> ports;

    private Nginx(ExternalServer process, List<Integer> ports) {
        this.process = process;
        this.ports = ports;
    }

    /**
     * Starts nginx with nchan serving {@link #NCHAN_LOCATIONS} and {@code extraDirectives} (nchan
     * or nginx directives for that server block, e.g. {@code nchan_message_buffer_length 1000;})
     * on one free port.
     */
    public static Nginx startNchan(Path dir, String extraDirectives) throws IOException, InterruptedException {
        return start(dir, 1, ports -> "    server {\n        listen 127.0.0.1:" + ports.get(0) + ";\n"
                + "        " + extraDirectives + "\n" + NCHAN_LOCATIONS + "    }\n");
    }

    /**
     * Starts nginx, nchan loaded, with the {@code server} blocks {@code servers} writes for
     * {@code portCount} free ports of 127.0.0.1 (in the {@code http} block), and waits until every
     * port accepts connections.
     *
     * @param dir where the configuration, logs and temporary files go (a {@code @TempDir})
     * @throws AssertionError naming the install command when nginx or nchan is missing
     * @throws IOException    with nginx's error log when it did not start
     */
    public static Nginx start(Path dir, int portCount, Function<List<Integer>, String> servers)
            throws IOException, InterruptedException {
        Path nginx = ExternalServer.installed(NGINX_PATHS, "nginx", INSTALL_HINT);
        Path nchan = ExternalServer.installed(NCHAN_PATHS, "nginx's nchan module", INSTALL_HINT);
        List<Integer> ports = ExternalServer.freePorts(portCount);
        Path conf = dir.resolve("nginx.conf");
        Path errorLog = dir.resolve("error.log");
        Files.writeString(conf, config(dir, nchan, servers.apply(ports)));
        ExternalServer process = ExternalServer.start("nginx",
                List.of(nginx.toString(), "-p", dir.toString(), "-c", conf.toString(), "-e", errorLog.toString()),
                dir, ports, errorLog, START_TIMEOUT_MILLIS);
        return new Nginx(process, ports);
    }

    private static String config(Path dir, Path nchan, String servers) {
        return "load_module " + nchan + ";\n"
                + "daemon off;\n"
                + "master_process off;\n"
                + "pid " + dir.resolve("nginx.pid") + ";\n"
                + "error_log " + dir.resolve("error.log") + " warn;\n"
                + "worker_rlimit_nofile 16384;\n"
                + "events { worker_connections 8192; }\n"
                + "http {\n"
                + "    access_log off;\n"
                + "    client_body_temp_path " + dir.resolve("body") + ";\n"
                + "    proxy_temp_path " + dir.resolve("proxy") + ";\n"
                + "    fastcgi_temp_path " + dir.resolve("fastcgi") + ";\n"
                + "    uwsgi_temp_path " + dir.resolve("uwsgi") + ";\n"
                + "    scgi_temp_path " + dir.resolve("scgi") + ";\n"
                + servers
                + "}\n";
    }

    /** The first port's {@code scheme://127.0.0.1:port}. */
    public String base(String scheme) {
        return base(scheme, 0);
    }

    /** Port {@code index}'s {@code scheme://127.0.0.1:port}. */
    public String base(String scheme, int index) {
        return scheme + "://127.0.0.1:" + ports.get(index);
    }

    /** The ports given to the configuration, in order. */
    public List<Integer> ports() {
        return ports;
    }

    /** nginx's process id. */
    public long pid() {
        return process.pid();
    }

    /** What nginx wrote to its error log so far (for a failing assertion's message). */
    public String errorLog() {
        return process.log();
    }

    /** Stops nginx by its PID (SIGTERM, then SIGKILL after 5 s) and waits for it to end. */
    @Override
    public void close() {
        process.close();
    }

    /**
     * A server program of others started as a process of the test's: finding it installed, free
     * ports, waiting until it listens, stopping it by PID. Shared by the interop fixtures.
     */
    static final class ExternalServer implements AutoCloseable {

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
}
