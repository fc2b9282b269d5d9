package io.pushbench.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
