package io.pushbench.cli;

import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.ResultFiles;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The scale check of {@code capacity}, for the bench profile (not CI): one generator process holds
 * 15,000 concurrent WebSocket connections to a reference server in a process of its own, on
 * loopback, spread over the source addresses 127.0.0.2 to 127.0.0.9, climbing 5,000 at a time
 * with echo traffic of 1,000 round trips per second; and reports heap and RSS per connection.
 * Exits 0 when the last step held every connection, 1 otherwise.
 *
 * <p>Bounded: three steps of about 15 s, and a watchdog that stops the server and the process
 * after {@value #WATCHDOG_MINUTES} minutes whatever happens. Each process needs about 16,000 open
 * files ({@code ulimit -n}); the server is stopped by its PID.
 *
 * <p>Run: {@code java -cp <test class path> io.pushbench.cli.ConnectionHoldBench [OUT_DIR]}; the
 * connection count can be changed with {@code -Dbench.connections=N} (a multiple of 3), and each
 * step's measured phase with {@code -Dbench.hold.step=DURATION} (default 10s; the bench profile's
 * quick mode gives 2s).
 */
public final class ConnectionHoldBench {

    /** The whole check is stopped after this long. */
    static final long WATCHDOG_MINUTES = 5;

    private ConnectionHoldBench() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/pushbench/bench/capacity-hold");
        int connections = Integer.getInteger("bench.connections", 15_000);
        String stepDuration = System.getProperty("bench.hold.step", "10s");
        int step = connections / 3;
        PrintWriter console = new PrintWriter(System.out, true);
        boolean held;
        try (ServerProcess server = ServerProcess.start(List.of("-Xmx2g"), "--io-threads", "2")) {
            Thread watchdog = new Thread(() -> {
                try {
                    TimeUnit.MINUTES.sleep(WATCHDOG_MINUTES);
                    console.println("connection hold: no result after " + WATCHDOG_MINUTES + " minutes, stopping");
                    server.stop();
                    Runtime.getRuntime().halt(1);
                } catch (InterruptedException e) {
                    // The check finished first.
                }
            }, "hold-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
            int code = PushBench.run(console, new PrintWriter(System.err, true), "capacity",
                    "--url", server.base("ws") + "/ws/echo", "--mode", "echo",
                    "--connections", step + ".." + connections + "/" + step, "--rate", "1000",
                    "--step-duration", stepDuration, "--step-warmup", "1s", "--slo", "p99<5s,errors<1%",
                    "--connect-rate", "2000/s", "--local-addresses", "127.0.0.2-127.0.0.9", "--io-threads", "2",
                    "--out", out.toString());
            watchdog.interrupt();
            CapacityResult result = ResultFiles.readCapacity(out);
            CapacityResult.Step last = result.steps().get(result.steps().size() - 1);
            held = code == 0 && last.connections() == connections && last.held() == connections
                    && last.passed();
            console.printf(Locale.ROOT, "connection hold: %d of %d connections held; generator heap %.1f KiB and "
                            + "RSS %.1f KiB per connection: %s%n", last.held(), connections,
                    last.memory().heapBytesPerConnection() / 1024, last.memory().rssBytesPerConnection() / 1024,
                    held ? "OK" : "FAILED");
        }
        // Only after the server process was stopped by the try block.
        System.exit(held ? 0 : 1);
    }
}
