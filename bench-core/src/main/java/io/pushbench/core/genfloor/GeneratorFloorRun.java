package io.pushbench.core.genfloor;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TlsTrust;
import io.pushbench.core.driver.netty.NettyTls;
import io.pushbench.core.netty.NettyIo;
import io.pushbench.core.engine.CompilerClock;
import io.pushbench.core.engine.ProcessClocks;
import io.pushbench.core.envelope.Envelope;
import io.pushbench.core.envelope.EnvelopeCodec;
import io.pushbench.core.result.GeneratorFloorResult;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Measures a generator floor ({@link GeneratorFloorResult}): a bare Netty client against the
 * server the transports are measured on, at the same rate, message size and connection count,
 * with none of pushbench's machinery: no send plan, no envelope stamped per message, no
 * latency recording, no sequence tracking. What it spends in CPU per message is the least a
 * JVM client on Netty pays for that traffic; pushbench's generator CPU is read as a multiple of it.
 *
 * <ul>
 *   <li>Echo: {@link BareWebSocketEchoClient}, one fixed pre-masked text frame sent again and
 *       again, the replies counted from their frame headers.</li>
 *   <li>Broadcast: {@link BareSseReader}s counting events, and a publisher at the rate: the
 *       in-process server's own ({@link Publisher}, called as pushbench's broadcast runs call it)
 *       or, against a server in another process, {@link BareHttpPublisher} (pipelined
 *       {@code POST}s of one pre-encoded request).</li>
 * </ul>
 *
 * <p>Everything runs on one event loop (threads named {@value #THREAD_NAME}-...). A timer fires
 * every {@link #TICK}; each time it sends every message that came due since the last (the rate
 * times the time since the start, less what was sent), spread over the connections, with one
 * write and one flush per connection. Nothing is sent while a connection's outbound buffer is
 * full; those messages are counted as skipped and the result says so.
 *
 * <p>The counters and the CPU clocks are read at the start and at the end of the measured phase,
 * on the event loop (so no counter needs to be shared with another thread); the floor's figures
 * are the differences. The client's CPU is the whole process's less the in-process server's
 * threads ({@link #serverCpuNanos}), or the whole process's when the server runs elsewhere, as
 * pushbench's generator CPU is counted, and, as there, less the JIT compiler's threads ({@link CompilerClock}):
 * the floor is the bare client's steady cost, and a compiler still busy in its few seconds (a
 * bare client's new type profiles make it recompile shared Netty code) is not.
 *
 * <p>Bounded: a warm-up of at most {@link #MAX_WARMUP}, prolonged by at most {@link #MAX_SETTLING}
 * while the JIT compiler is busy, and a measured phase of at most {@link #MAX_MEASURED}, whatever the
 * run's. Plain {@code ws://} and {@code http://} only.
 *
 * <p>Not thread-safe: one run, one thread, once; {@link #stop()} may be called from any thread.
 */
public final class GeneratorFloorRun {

    /** Longest warm-up asked of the floor, whatever the run's: 2 s. */
    public static final Duration MAX_WARMUP = Duration.ofSeconds(2);
    /**
     * How much longer the warm-up goes on, at most, while the JIT compiler is still busy: 4 s, and
     * never more than twice the load's warm-up (a short run gets a short floor). The
     * floor's CPU is the process's, compiler threads included, and a bare client brings new type
     * profiles that make the JIT recompile shared Netty code; measured while that runs, the floor
     * would hold the compiler's CPU.
     */
    public static final Duration MAX_SETTLING = Duration.ofSeconds(4);
    /** The slices in which the warm-up watches the compiler: 0.5 s. */
    static final Duration SETTLE_SLICE = Duration.ofMillis(500);
    /**
     * Longest measured phase, whatever the run's: 5 s. Two seconds of a bare client at 10,000 round
     * trips/s are only a few hundred milliseconds of CPU, and on a 2-core VM one timer slip or one
     * busy neighbour moved that floor, and the multiple against it, by a third between runs.
     */
    public static final Duration MAX_MEASURED = Duration.ofSeconds(5);
    /** How often the timer sends what came due: every 1 ms. */
    public static final Duration TICK = Duration.ofMillis(1);
    /** The prefix of the floor's event-loop thread names (not the in-process server's {@code server-}). */
    public static final String THREAD_NAME = "generator-floor";
    /** Below this share of the messages due sent, or of the messages sent received, the result names a problem. */
    static final double ENOUGH = 0.9;
    /**
     * At or below this share of a slice spent compiling, the warm-up ends; above it in the measured
     * phase, the result names a problem.
     */
    static final double COMPILING_TOO_LONG = 0.1;

    /**
     * Publishes one broadcast message through an in-process server, as pushbench's broadcast runs
     * do. Called on the floor's event loop, for each message when it is due.
     */
    @FunctionalInterface
    public interface Publisher {
        /**
         * @param sequence the message's number, from 0
         * @param nowNanos {@link System#nanoTime()} when it came due
         */
        void publish(long sequence, long nowNanos);
    }

    /**
     * The load the floor runs, the run's own, its phases cut to the floor's bounds.
     *
     * @param connections connections (echo clients, or event streams), at least 1
     * @param rate        messages per second, above 0: round trips over all connections (echo), published (broadcast)
     * @param messageSize bytes per message
     * @param warmup      unmeasured time first
     * @param measured    measured time
     */
    public record Load(int connections, double rate, int messageSize, Duration warmup, Duration measured) {

        public Load {
            if (connections < 1 || !(rate > 0) || Double.isInfinite(rate) || messageSize < 0
                    || warmup.isNegative() || measured.isNegative() || measured.isZero()) {
                throw new IllegalArgumentException("generator floor: bad load: " + connections + " connections, "
                        + rate + " msg/s, " + messageSize + " B, warm-up " + warmup + ", measured " + measured);
            }
        }

        /** The run's load with its warm-up and measured phase cut to {@link #MAX_WARMUP} and {@link #MAX_MEASURED}. */
        public static Load bounded(int connections, double rate, int messageSize, Duration warmup, Duration measured) {
            return new Load(connections, rate, messageSize, min(warmup, MAX_WARMUP), min(measured, MAX_MEASURED));
        }
    }

    private final String client;
    private final Target target;
    private final Target publishTarget;
    private final Publisher publisher;
    private final Load load;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private LongSupplier serverCpuNanos = () -> -1;
    private NettyTls tls = NettyTls.of(TlsTrust.system());

    private GeneratorFloorRun(String client, Target target, Target publishTarget, Publisher publisher, Load load) {
        this.client = client;
        this.target = target;
        this.publishTarget = publishTarget;
        this.publisher = publisher;
        this.load = load;
    }

    /** Echo: {@code load.connections()} WebSocket connections to {@code target} ({@code ws://}), echoing. */
    public static GeneratorFloorRun echo(Target target, Load load) {
        return new GeneratorFloorRun(GeneratorFloorResult.WEBSOCKET_ECHO, target, null, null, load);
    }

    /** Broadcast through an in-process server: event streams at {@code events}, published by {@code publisher}. */
    public static GeneratorFloorRun broadcast(Target events, Publisher publisher, Load load) {
        return new GeneratorFloorRun(GeneratorFloorResult.SSE_READER, events, null, publisher, load);
    }

    /** Broadcast through a server in another process: event streams at {@code events}, {@code POST}s to {@code publish}. */
    public static GeneratorFloorRun broadcast(Target events, Target publish, Load load) {
        return new GeneratorFloorRun(GeneratorFloorResult.SSE_READER, events, publish, null, load);
    }

    /**
     * Which certificates {@code wss}/{@code https} targets may present: the bare clients speak TLS to
     * such targets, as the drivers do. Default: the JDK's trust store.
     */
    public GeneratorFloorRun trust(TlsTrust trust) {
        this.tls = NettyTls.of(trust);
        return this;
    }

    /**
     * Reads the CPU time used so far by an in-process server's threads, nanoseconds, so the
     * process's CPU can be split between server and client. Default: unknown (-1), the server
     * runs elsewhere and the whole process is the client.
     */
    public GeneratorFloorRun serverCpuNanos(LongSupplier serverCpuNanos) {
        this.serverCpuNanos = serverCpuNanos;
        return this;
    }

    /**
     * Opens the connections, runs the warm-up and the measured phase, closes them.
     *
     * @return the floor, or null when {@link #stop()} ended it first
     * @throws IOException when a connection cannot be opened or fails, the server sends nothing back, or
     *                     this JVM does not report its CPU time
     */
    public GeneratorFloorResult run() throws IOException, InterruptedException {
        if (ProcessClocks.processCpuNanos() < 0) {
            throw new IOException("this JVM does not report its CPU time");
        }
        EventLoopGroup group = NettyIo.newGroup(THREAD_NAME, 1);
        FloorCounts counts = new FloorCounts();
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            FloorLoad sends = open(group, counts, opened);
            EventLoop loop = group.next();
            Ticker ticker = new Ticker(sends, load.rate(), counts);
            ScheduledFuture<?> timer = loop.scheduleAtFixedRate(ticker, 0, TICK.toNanos(), TimeUnit.NANOSECONDS);
            try {
                if (!warmUp()) {
                    return null;
                }
                Reading start = read(loop, counts);
                if (stopped.await(load.measured().toNanos(), TimeUnit.NANOSECONDS)) {
                    return null;
                }
                Reading end = read(loop, counts);
                if (counts.failure() != null) {
                    throw new IOException(counts.failure());
                }
                return result(start, end);
            } finally {
                timer.cancel(false);
                counts.closing();
            }
        } finally {
            counts.closing();
            // Closed on the loop, after the last tick: buffers are released where they are written.
            group.next().submit(() -> opened.forEach(GeneratorFloorRun::closeQuietly)).awaitUninterruptibly();
            NettyIo.shutdown(group);
        }
    }

    /**
     * The warm-up: the load's, then slices of {@link #SETTLE_SLICE} until the JIT compiled in one for
     * no more than {@link #COMPILING_TOO_LONG} of it, or {@link #MAX_SETTLING} (at most twice the load's warm-up)
     * more went by. At least one slice.
     *
     * @return false when {@link #stop()} ended it
     */
    private boolean warmUp() throws InterruptedException {
        long slice = SETTLE_SLICE.toNanos();
        if (stopped.await(Math.max(0, load.warmup().toNanos() - slice), TimeUnit.NANOSECONDS)) {
            return false;
        }
        long deadline = System.nanoTime() + slice
                + Math.min(MAX_SETTLING.toNanos(), 2 * load.warmup().toNanos());
        while (true) {
            long compiledBefore = CompilerClock.busyMillis();
            long sliceStart = System.nanoTime();
            if (stopped.await(slice, TimeUnit.NANOSECONDS)) {
                return false;
            }
            long now = System.nanoTime();
            boolean quiet = compiledBefore < 0
                    || CompilerClock.busyMillis() - compiledBefore <= COMPILING_TOO_LONG * (now - sliceStart) / 1e6;
            if (quiet || now >= deadline) {
                return true;
            }
        }
    }

    /** Ends the floor early: {@link #run()} returns null. Safe from any thread. */
    public void stop() {
        stopped.countDown();
    }

    private FloorLoad open(EventLoopGroup group, FloorCounts counts, List<AutoCloseable> opened)
            throws IOException, InterruptedException {
        byte[] payload = EnvelopeCodec.encodeBytes(new Envelope(0, 0, 0), load.messageSize());
        double perTick = load.rate() * TICK.toNanos() / 1e9;
        if (GeneratorFloorResult.WEBSOCKET_ECHO.equals(client)) {
            BareWebSocketEchoClient echo = BareWebSocketEchoClient.open(group, target, tls, load.connections(), payload,
                    burst(perTick / load.connections()), counts);
            opened.add(echo);
            return echo;
        }
        opened.add(BareSseReader.open(group, target, tls, load.connections(), counts));
        if (publishTarget != null) {
            BareHttpPublisher posts = BareHttpPublisher.open(group, publishTarget, tls, payload, burst(perTick), counts);
            opened.add(posts);
            return posts;
        }
        return new InProcessPublishing(publisher, counts);
    }

    /** Copies to lay out for sends of about {@code perTick} messages: twice that, for a late tick. */
    private static int burst(double perTick) {
        return (int) Math.ceil(perTick * 2) + 1;
    }

    private Reading read(EventLoop loop, FloorCounts counts) throws InterruptedException, IOException {
        try {
            return loop.submit(() -> new Reading(System.nanoTime(), ProcessClocks.processCpuNanos(),
                    serverCpuNanos.getAsLong(), CompilerClock.cpuNanos(), counts.sent, counts.skipped, counts.received)).get();
        } catch (ExecutionException e) {
            throw new IOException("cannot read the generator floor's counters: " + e.getCause(), e.getCause());
        }
    }

    private GeneratorFloorResult result(Reading start, Reading end) throws IOException {
        double seconds = Math.max(end.nanoTime() - start.nanoTime(), 1) / 1e9;
        long sent = end.sent() - start.sent();
        long skipped = end.skipped() - start.skipped();
        long received = end.received() - start.received();
        boolean echo = GeneratorFloorResult.WEBSOCKET_ECHO.equals(client);
        if (received == 0) {
            throw new IOException("nothing came back from " + target.uri() + " in " + String.format(Locale.ROOT,
                    "%.1f", seconds) + " s (" + sent + " " + (echo ? "frames sent" : "messages published") + ")");
        }
        double processCpu = end.processCpuNanos() - start.processCpuNanos();
        boolean serverKnown = start.serverCpuNanos() >= 0 && end.serverCpuNanos() >= 0;
        double serverCpu = serverKnown ? end.serverCpuNanos() - start.serverCpuNanos() : -1;
        boolean compilerKnown = start.compilerCpuNanos() >= 0 && end.compilerCpuNanos() >= 0;
        double compilerCpu = compilerKnown ? Math.max(0, end.compilerCpuNanos() - start.compilerCpuNanos()) : -1;
        double clientCpu = (serverKnown ? processCpu - serverCpu : processCpu) - Math.max(0, compilerCpu);
        List<String> problems = new ArrayList<>();
        double due = load.rate() * seconds;
        if (sent < ENOUGH * due) {
            problems.add(String.format(Locale.ROOT, "the bare client sent %d of the %.0f messages due (%.0f%%)%s: it "
                    + "could not keep the rate, so its CPU per message is not that of this load", sent, due,
                    100 * sent / due, skipped > 0 ? ", " + skipped + " held back by full outbound buffers" : ""));
        }
        if (compilerCpu > COMPILING_TOO_LONG * seconds * 1e9) {
            problems.add(String.format(Locale.ROOT, "the JIT compiler used %.0f ms of CPU in the %.1f s measured: left "
                    + "out of the floor's CPU, but code not yet compiled may have made the bare client dearer",
                    compilerCpu / 1e6, seconds));
        }
        long expected = echo ? sent : sent * load.connections();
        if (received < ENOUGH * expected) {
            problems.add(String.format(Locale.ROOT, "%d of the %d %s came back (%.0f%%): the server, or this "
                    + "machine, fell behind the rate, so the floor is of more load than was handled", received, expected,
                    echo ? "frames sent" : "deliveries expected", 100.0 * received / Math.max(expected, 1)));
        }
        return new GeneratorFloorResult(client, load.connections(), load.rate(), load.messageSize(), round(seconds),
                sent, received, round(clientCpu / 1e6), serverKnown ? round(serverCpu / 1e6) : -1,
                compilerKnown ? round(compilerCpu / 1e6) : -1,
                round(clientCpu / 1e3 / received), serverKnown ? round(serverCpu / 1e3 / received) : -1, problems,
                null);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing at the end: nothing measured depends on it.
        }
    }

    /** The counters and clocks at one moment, read on the event loop. */
    private record Reading(long nanoTime, long processCpuNanos, long serverCpuNanos, long compilerCpuNanos,
                           long sent, long skipped, long received) {
    }

    /**
     * The timer's task: sends what came due since the last tick. On the event loop; a failure
     * ends sending (Netty cancels a periodic task that throws) and fails the floor.
     */
    private static final class Ticker implements Runnable {

        private final FloorLoad sends;
        private final double perNano;
        private final FloorCounts counts;
        private long start = -1;
        private long planned;

        Ticker(FloorLoad sends, double perSecond, FloorCounts counts) {
            this.sends = sends;
            this.perNano = perSecond / 1e9;
            this.counts = counts;
        }

        @Override
        public void run() {
            long now = System.nanoTime();
            if (start < 0) {
                start = now;
            }
            long due = (long) ((now - start) * perNano);
            if (due > planned) {
                int n = (int) Math.min(due - planned, Integer.MAX_VALUE);
                planned += n;
                try {
                    sends.send(n, now);
                } catch (RuntimeException e) {
                    counts.fail("the generator floor could not send: " + e);
                    throw e;
                }
            }
        }
    }

    /** A broadcast floor's sends through an in-process server's {@link Publisher}. */
    private static final class InProcessPublishing implements FloorLoad {

        private final Publisher publisher;
        private final FloorCounts counts;
        private long sequence;

        InProcessPublishing(Publisher publisher, FloorCounts counts) {
            this.publisher = publisher;
            this.counts = counts;
        }

        @Override
        public void send(int count, long nowNanos) {
            for (int i = 0; i < count; i++) {
                publisher.publish(sequence++, nowNanos);
            }
            counts.sent += count;
        }

        @Override
        public void close() {
        }
    }
}
