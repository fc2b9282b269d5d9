package io.pushbench.core.engine;

import io.pushbench.core.record.HiccupDetector;
import io.pushbench.core.record.IntervalLog;
import io.pushbench.core.record.LatencyRecorder;
import io.pushbench.core.result.FloorResult;
import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.spec.LoadModel;
import io.pushbench.core.spec.RunSpec;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;

/**
 * Measures the floor of a comparison ({@link FloorResult}): fixed-size messages over one TCP
 * connection between two sockets on 127.0.0.1, {@code TCP_NODELAY} on both, sent on the run's
 * {@link SendPlan} by a {@link ScheduledSender}. The receiving socket's thread stamps each message
 * when its last byte is read (the one-way trip) and writes the bytes back; the sending side stamps
 * the echo (the round trip). Latency counts from the planned send time (corrected) and, beside it,
 * from the actual send (uncorrected), exactly as for the transports; both ends read the same
 * {@link System#nanoTime()}, being one process.
 *
 * <p>Plain blocking sockets, one thread per socket, rather than Netty: a thread blocked in
 * {@code read} is woken by the kernel directly, with no selector, event-loop hand-off or pipeline,
 * so this is the least a JVM pays for a loopback hop without spinning. A floor built on Netty
 * would already include part of what the transports are being compared on.
 *
 * <p>Messages are the run's message size, at least {@value #HEADER_BYTES} bytes (the sequence
 * number, the planned and the actual send time, as three big-endian longs; zeros after). TCP
 * keeps them in order on one connection, so fixed sizes need no framing.
 *
 * <p>Bounded: the warm-up is at most {@link #MAX_WARMUP} and the measured phase at most
 * {@link #MAX_MEASURED}, whatever the run's; a floor on loopback settles within seconds and a long
 * run should not spend minutes on it (a ramp is run over the floor's own, shorter measured phase, from
 * the same start to the same end rate). The histogram log ({@value FloorResult#HISTOGRAM_LOG}) is
 * written as it goes, like a transport's. A floor measured while the generator could not keep its
 * schedule ({@link SaturationCheck#reasons}) says so in {@link FloorResult#saturation()}: its
 * multiples would then understate what the transports add.
 *
 * <p>Not thread-safe: one run, one thread, once; {@link #stop()} may be called from any thread.
 */
public final class FloorRun {

    /** Bytes of a message's stamps: sequence, planned send time, actual send time. */
    public static final int HEADER_BYTES = 3 * Long.BYTES;
    /** Longest warm-up the floor runs, whatever the run's: 2 s. */
    public static final Duration MAX_WARMUP = Duration.ofSeconds(2);
    /** Longest measured phase the floor runs, whatever the run's: 10 s. */
    public static final Duration MAX_MEASURED = Duration.ofSeconds(10);
    /** Longest wait for echoes still in flight after the last send: 2 s. */
    static final Duration MAX_DRAIN = Duration.ofSeconds(2);

    private final SendPlan plan;
    private final int messageSize;
    private final long drainNanos;
    private final ScheduledSender.Action beforeSend;
    private final MeasurementWindow window = new MeasurementWindow();
    private final LatencyRecorder oneWayCorrected = new LatencyRecorder(Metrics.PUSH_CORRECTED);
    private final LatencyRecorder oneWayUncorrected = new LatencyRecorder(Metrics.PUSH_UNCORRECTED);
    private final LatencyRecorder roundTripCorrected = new LatencyRecorder(Metrics.RTT_CORRECTED);
    private final LatencyRecorder roundTripUncorrected = new LatencyRecorder(Metrics.RTT_UNCORRECTED);
    private final LatencyRecorder hiccups = new LatencyRecorder(Metrics.HICCUP);
    private final AtomicLong sentInWindow = new AtomicLong();
    private final AtomicLong returnedInWindow = new AtomicLong();
    private final AtomicReference<IOException> failure = new AtomicReference<>();
    private volatile ScheduledSender sender;
    private volatile boolean stopRequested;
    private volatile boolean closing;
    private SSLContext serverTls;
    private SSLContext clientTls;

    /**
     * The floor of {@code spec}: its rate and message size, its warm-up and measured phase cut to
     * {@link #MAX_WARMUP} and {@link #MAX_MEASURED}.
     *
     * @throws IllegalArgumentException if the spec's load model is closed (the floor needs a rate)
     */
    public FloorRun(RunSpec spec) {
        this(spec.load(), spec.messageSize(), min(spec.warmup(), MAX_WARMUP), min(spec.duration(), MAX_MEASURED),
                min(spec.drain(), MAX_DRAIN), (sequence, intended) -> { });
    }

    /**
     * @param beforeSend runs on the sender's thread before each message is written: a stall here is a
     *                   stalled sender (for tests)
     */
    FloorRun(LoadModel load, int messageSize, Duration warmup, Duration measured, Duration drain,
             ScheduledSender.Action beforeSend) {
        this.plan = new SendPlan(load, warmup.toNanos(), measured.toNanos());
        this.messageSize = Math.max(messageSize, HEADER_BYTES);
        this.drainNanos = drain.toNanos();
        this.beforeSend = beforeSend;
    }

    /**
     * Runs the ping-pong over TLS (JDK sockets, a session negotiated during the warm-up), for a
     * comparison whose transports run over TLS: the floor then includes encrypting and decrypting
     * each message, as theirs do. Call before {@link #run}.
     *
     * @param server the listening side's context, holding a key and certificate
     * @param client the connecting side's, trusting that certificate
     * @return this floor
     */
    public FloorRun overTls(SSLContext server, SSLContext client) {
        this.serverTls = server;
        this.clientTls = client;
        return this;
    }

    /**
     * Runs the floor to the end of its plan and drain, writing its histogram log into {@code resultDir}.
     * The log is complete on disk when this returns, and up to the last full interval if it does not.
     *
     * @throws IOException          if the loopback connection cannot be set up, fails, or delivers a
     *                              message out of sequence during the run
     * @throws InterruptedException if interrupted
     */
    public FloorResult run(Path resultDir) throws IOException, InterruptedException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket listener = serverTls == null ? new ServerSocket(0, 1, loopback)
                : serverTls.getServerSocketFactory().createServerSocket(0, 1, loopback);
             Socket client = clientTls == null ? new Socket() : clientTls.getSocketFactory().createSocket()) {
            client.setTcpNoDelay(true);
            client.connect(new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort()));
            try (Socket peer = listener.accept()) {
                peer.setTcpNoDelay(true);
                return measure(resultDir, client, peer);
            } finally {
                closing = true;
            }
        }
    }

    private FloorResult measure(Path resultDir, Socket client, Socket peer) throws IOException, InterruptedException {
        OutputStream toPeer = client.getOutputStream();
        byte[] message = new byte[messageSize];
        ByteBuffer stamps = ByteBuffer.wrap(message);
        ScheduledSender planned = new ScheduledSender("floor-sender", plan,
                Math.max(TimeUnit.SECONDS.toNanos(1), plan.totalNanos() / 10), (sequence, intended) -> {
                    beforeSend.send(sequence, intended);
                    if (window.contains(intended)) {
                        sentInWindow.incrementAndGet();
                    }
                    stamps.putLong(0, sequence).putLong(Long.BYTES, intended).putLong(2 * Long.BYTES, System.nanoTime());
                    try {
                        toPeer.write(message);
                    } catch (IOException e) {
                        fail(e);
                    }
                });
        List<LatencyRecorder> logged = List.of(oneWayCorrected, oneWayUncorrected, roundTripCorrected,
                roundTripUncorrected, planned.lag(), hiccups);
        HiccupDetector hiccupDetector = new HiccupDetector(hiccups, window::contains);
        try (IntervalLog log = new IntervalLog(resultDir.resolve(FloorResult.HISTOGRAM_LOG), 1000, logged)) {
            log.start("floor: raw " + (serverTls == null ? "TCP" : "TLS") + " ping-pong on loopback, " + messageSize + " B messages, tags: "
                    + logged.stream().map(LatencyRecorder::tag).toList());
            Thread echo = reader("floor-echo", peer.getInputStream(), peer.getOutputStream(),
                    oneWayCorrected, oneWayUncorrected, null);
            Thread returns = reader("floor-receiver", client.getInputStream(), null,
                    roundTripCorrected, roundTripUncorrected, returnedInWindow);
            hiccupDetector.start();
            echo.start();
            returns.start();
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
            long measureStart = start + plan.warmupNanos();
            long measureEnd = start + plan.totalNanos();
            window.set(measureStart, measureEnd);
            sender = planned;
            planned.start(start);
            if (stopRequested) {
                planned.stop();
            }
            planned.join();
            long measuredNanos = Math.max(0, Math.min(System.nanoTime(), measureEnd) - measureStart);
            long deadline = System.nanoTime() + (stopRequested
                    ? Math.min(drainNanos, RunPhases.STOPPED_DRAIN_NANOS) : drainNanos);
            while (returnedInWindow.get() < sentInWindow.get() && failure.get() == null
                    && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            // Closing the sockets ends the readers' blocking reads; what they throw then is not a failure.
            closing = true;
            client.close();
            peer.close();
            echo.join();
            returns.join();
            hiccupDetector.stop();
            log.stop();
            IOException failed = failure.get();
            if (failed != null) {
                throw failed;
            }
            long unsent = stopRequested ? 0 : Math.max(0, plan.endExclusive() - planned.sent());
            return result(log, planned, unsent, measuredNanos);
        }
    }

    /** Ends the floor early: sending stops and the drain is cut short. Safe from any thread. */
    public void stop() {
        stopRequested = true;
        ScheduledSender s = sender;
        if (s != null) {
            s.stop();
        }
    }

    /**
     * A thread that reads whole messages from {@code in}, stamps each when its last byte is read,
     * writes it back to {@code back} (unless null) and records it if it was planned in the measured phase,
     * counting it in {@code counted} (unless null). A message out of sequence fails the floor.
     */
    private Thread reader(String name, InputStream in, OutputStream back, LatencyRecorder corrected,
                          LatencyRecorder uncorrected, AtomicLong counted) {
        Thread thread = new Thread(() -> {
            byte[] message = new byte[messageSize];
            ByteBuffer stamps = ByteBuffer.wrap(message);
            long next = 0;
            try {
                while (in.readNBytes(message, 0, messageSize) == messageSize) {
                    long now = System.nanoTime();
                    if (back != null) {
                        // Echo first, so the round trip does not include this side's recording.
                        back.write(message);
                    }
                    long sequence = stamps.getLong(0);
                    if (sequence != next) {
                        throw new IOException("floor: message " + sequence + " arrived where " + next + " was due");
                    }
                    next = sequence + 1;
                    long intended = stamps.getLong(Long.BYTES);
                    if (window.contains(intended)) {
                        corrected.record(now - intended);
                        uncorrected.record(now - stamps.getLong(2 * Long.BYTES));
                        if (counted != null) {
                            counted.incrementAndGet();
                        }
                    }
                }
            } catch (IOException e) {
                if (!closing) {
                    fail(e);
                }
            }
        }, name);
        thread.setDaemon(true);
        return thread;
    }

    private void fail(IOException e) {
        failure.compareAndSet(null, e);
        stop();
    }

    private FloorResult result(IntervalLog log, ScheduledSender planned, long unsent, long measuredNanos) {
        Map<String, LatencySummary> latency = new LinkedHashMap<>();
        for (LatencyRecorder r : List.of(oneWayCorrected, oneWayUncorrected, roundTripCorrected, roundTripUncorrected,
                planned.lag(), hiccups)) {
            latency.put(r.tag(), LatencySummary.ofNanos(log.total(r)));
        }
        double seconds = Math.max(measuredNanos, 1) / 1e9;
        long sent = sentInWindow.get();
        // The floor reads on blocking sockets, not event loops: there is no I/O lag to check.
        List<String> saturation = SaturationCheck.reasons(unsent, latency.get(Metrics.SCHEDULE_LAG), null,
                HealthProbes.platformStalls(log.total(hiccups)).p99Micros());
        return new FloorResult(messageSize, seconds, sent, returnedInWindow.get(), Math.round(sent / seconds * 10) / 10.0,
                FloorResult.HISTOGRAM_LOG, latency, saturation);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
