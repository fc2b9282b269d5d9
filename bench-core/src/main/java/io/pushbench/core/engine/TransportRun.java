package io.pushbench.core.engine;

import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.record.IntervalLog;
import io.pushbench.core.record.LatencyRecorder;
import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.SelfHealth;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.spec.Workload;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Runs one transport with one driver through a {@link RunSpec}: connects the subscribers,
 * sends on the plan (or in a closed loop), records every latency, writes the histogram log
 * as it goes, and returns the transport's figures.
 *
 * <p>For {@link Workload#BROADCAST} the messages are published through a {@link Publisher}
 * (the reference server in-process, or an HTTP publish endpoint); for {@link Workload#ECHO}
 * the run sends them itself on its connections and measures the replies; for
 * {@link Workload#CHAT} it sends them on its connections, in turn, and every connection
 * receives each; for {@link Workload#PASSIVE} it sends nothing and measures what the server
 * pushes on its own; for {@link Workload#IDLE} it sends nothing and expects nothing.
 *
 * <p>The process's heap and resident set are read before the first connection opens and after
 * the last, before anything is sent: their growth per connection is in the result. With an
 * in-process server it covers both ends of each connection.
 *
 * <p>A run opens its connections and closes them at its end, unless it was given a
 * {@link ConnectionSet} to use: then it grows that set to its number of connections and leaves
 * it open (the steps of a {@link CapacityRun}).
 *
 * <p>Not thread-safe: one run, one thread, once.
 */
public final class TransportRun {

    /** Publishes one broadcast message to every subscriber. Called on the sender's thread, on schedule. */
    @FunctionalInterface
    public interface Publisher {
        /**
         * @param sequence      the message's sequence number
         * @param intendedNanos its planned send time; the publisher stamps the actual send time itself
         */
        void publish(long sequence, long intendedNanos);
    }

    /** When a run is stopped early, messages in flight get this long to arrive: 0.5 s. */
    static final long STOPPED_DRAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final RunSpec spec;
    private final TransportDriver driver;
    private final Target target;
    private final Publisher publisher;
    private final Path resultDir;
    private final String logName;
    private final List<IntervalLog.IntervalListener> progress;
    private final ConnectionSet connectionSet;
    private final boolean ownsConnections;

    private final LongSupplier serverCpuNanos;
    private final RunRecorders recorders;
    private final MeasurementWindow window;
    private final RunCounters counters;
    private List<Receiver> receivers = List.of();
    private List<PushConnection> connections = List.of();
    private volatile boolean stopRequested;
    private volatile ScheduledSender activeSender;
    private volatile int held = -1;
    private volatile ClosedLoop activeLoop;
    private HealthProbes healthProbes;

    private TransportRun(Builder b) {
        this.spec = Objects.requireNonNull(b.spec, "spec");
        this.driver = Objects.requireNonNull(b.driver, "driver");
        this.target = Objects.requireNonNull(b.target, "target");
        CapacityRun.Upstream upstream = b.upstream;
        this.publisher = upstream == null ? b.publisher
                : (sequence, intended) -> UpstreamPublishing.publish(upstream, sequence, intended, spec.messageSize(), this);
        this.resultDir = Objects.requireNonNull(b.resultDir, "resultDir");
        this.logName = b.logName != null ? b.logName : ResultFiles.histogramLogName(driver.transport(), driver.stack());
        this.progress = List.copyOf(b.progress);
        if (spec.workload() == Workload.BROADCAST && publisher == null) {
            throw new IllegalArgumentException("a broadcast run needs a publisher");
        }
        this.serverCpuNanos = b.serverCpuNanos;
        // Chat clients send in turn, so each receiver judges order per sender.
        this.recorders = new RunRecorders(spec.workload(), spec.workload() == Workload.CHAT ? spec.subscribers() : 1);
        this.window = recorders.window;
        this.counters = recorders.counters;
        this.ownsConnections = b.connections == null;
        this.connectionSet = ownsConnections
                ? new ConnectionSet(driver, target, ConnectionSet.receiversFor(spec), 0)
                : b.connections;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the transport to the end of its plan and drain, then closes its connections (those of
     * a given {@link ConnectionSet} stay open).
     * The histogram log is complete on disk when this returns, and up to the last full
     * interval if it does not (the process was killed).
     *
     * @throws InterruptedException if interrupted; the log holds what was recorded until then
     */
    public TransportResult run() throws InterruptedException {
        boolean passive = spec.workload() == Workload.PASSIVE;
        boolean silent = passive || spec.workload() == Workload.IDLE;
        SendPlan plan = !silent && spec.load().isOpen()
                ? new SendPlan(spec.load(), spec.warmup().toNanos(), spec.duration().toNanos())
                : null;
        ScheduledSender sender = null;
        healthProbes = new HealthProbes(driver.ioLoops(), window);
        List<LatencyRecorder> logged = new ArrayList<>(List.of(recorders.corrected, recorders.uncorrected,
                recorders.connect, recorders.heartbeat, recorders.downtime));
        logged.addAll(healthProbes.recorders());
        if (passive) {
            logged.addAll(List.of(recorders.firstMessage, recorders.interArrival));
        }
        LatencyRecorder lag = ScheduledSender.newLagRecorder();
        if (plan != null) {
            logged.add(lag);
            recorders.expectSequences(plan.endExclusive());
            if (spec.workload().fansOut()) {
                recorders.trackSpread(plan.firstMeasured(), plan.endExclusive() - plan.firstMeasured());
            }
        }
        try (IntervalLog log = new IntervalLog(resultDir.resolve(logName), 1000, logged);
             HealthProbes probes = healthProbes) {
            progress.forEach(log::addListener);
            log.start(driver.transport().id() + " with " + driver.stack().id() + ", tags: "
                    + logged.stream().map(LatencyRecorder::tag).toList());
            healthProbes.start();
            connectionSet.attach(recorders);
            long heapBefore = ProcessMemory.heapUsedBytes();
            long rssBefore = ProcessMemory.rssBytes();
            long connectFailures = connectionSet.growTo(spec.subscribers(), recorders);
            connections = connectionSet.connections();
            receivers = connectionSet.receivers();
            ProcessMemory.PerConnection memory = ProcessMemory.perConnection(heapBefore, rssBefore, connections.size());
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
            long measureStart = start + spec.warmup().toNanos();
            long measureEnd = measureStart + spec.duration().toNanos();
            window.set(measureStart, measureEnd);
            ClosedLoop closedLoop = null;
            if (plan != null) {
                // The shards follow the connections' event loops, so the sender is made once they are open.
                sender = new ScheduledSender("sender-" + driver.transport().id(), plan,
                        Math.max(TimeUnit.SECONDS.toNanos(1), spec.duration().toNanos() / 10), spec.timing(), shards(), lag);
                activeSender = sender;
                sender.start(start);
            } else if (spec.workload() == Workload.ECHO) {
                closedLoop = new ClosedLoop(connectionsByReceiver(), spec, window, counters);
                activeLoop = closedLoop;
                closedLoop.start(start);
            }
            if (stopRequested) {
                stop();
            }
            sleepUntil(measureStart);
            Snapshot atStart = Snapshot.take(driver, serverCpuNanos);
            long lastSent;
            if (sender != null) {
                sender.join();
                lastSent = sender.sent();
            } else {
                sleepUntil(measureEnd);
                if (closedLoop != null) {
                    closedLoop.stop();
                }
                lastSent = -1;
            }
            long measuredNanos = Math.max(0, Math.min(System.nanoTime(), measureEnd) - measureStart);
            long firstMeasured = plan != null ? plan.firstMeasured() : 0;
            long sent = switch (spec.workload()) {
                case BROADCAST, CHAT -> Math.max(0, lastSent - firstMeasured);
                case ECHO -> counters.sentInWindow();
                case PASSIVE, IDLE -> 0;
            };
            long expected = spec.workload().fansOut() ? sent * receivers.size() : sent;
            if (!silent) {
                long drainNanos = spec.drain().toNanos();
                drain(expected, stopRequested ? Math.min(drainNanos, STOPPED_DRAIN_NANOS) : drainNanos);
            }
            Snapshot atEnd = Snapshot.take(driver, serverCpuNanos);
            held = connectionSet.heldCount();
            if (ownsConnections) {
                connectionSet.close();
            }
            healthProbes.stop();
            log.stop();
            long unsent = plan != null && !stopRequested ? Math.max(0, plan.endExclusive() - Math.max(lastSent, 0)) : 0;
            return result(logName, log, sender, connectFailures, firstMeasured, sent, expected, unsent, atStart, atEnd,
                    measuredNanos, memory);
        }
    }

    /**
     * How the plan is sent: broadcasts by the publisher on the sender's own thread; echo and chat
     * messages on the connections, each by the shard of the connection's event loop.
     */
    private List<ScheduledSender.Shard> shards() {
        if (spec.workload() == Workload.BROADCAST) {
            return List.of(ScheduledSender.Shard.all((sequence, intended) -> {
                countPlanned(sequence, intended);
                publisher.publish(sequence, intended);
            }));
        }
        if (connections.isEmpty()) {
            return List.of(ScheduledSender.Shard.all(this::countPlanned));
        }
        // Chat: client s of the requested ones sends s, s + n, ..., which is how order is judged per sender;
        // were some clients not to connect, their turns go to others and a few of their messages may count
        // as out of order.
        int turns = spec.workload() == Workload.CHAT ? spec.subscribers() : connections.size();
        return SendShards.onConnections(connections, turns, spec.messageSize(), this::countPlanned);
    }

    private void countPlanned(long sequence, long intendedNanos) {
        if (window.contains(intendedNanos)) {
            counters.sent();
        }
    }

    private Map<PushConnection, ClosedLoop.Replier> connectionsByReceiver() {
        Map<PushConnection, ClosedLoop.Replier> map = new LinkedHashMap<>();
        for (int i = 0; i < connections.size(); i++) {
            map.put(connections.get(i), (ClosedLoop.Replier) receivers.get(i));
        }
        return map;
    }

    /** Waits until every expected delivery arrived or the drain period ran out. */
    private void drain(long expected, long drainNanos) throws InterruptedException {
        long deadline = System.nanoTime() + drainNanos;
        while (counters.deliveredInWindow() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private TransportResult result(String logName, IntervalLog log, ScheduledSender sender, long connectFailures,
                                   long firstMeasured, long sent, long expected, long unsent,
                                   Snapshot atStart, Snapshot atEnd, long measuredNanos,
                                   ProcessMemory.PerConnection memory) throws InterruptedException {
        long received = counters.deliveredInWindow();
        long lost = 0;
        long lostInGaps = 0;
        switch (spec.workload()) {
            case BROADCAST, CHAT -> {
                for (Receiver r : receivers) {
                    lost += r.lostIn(firstMeasured, firstMeasured + sent);
                    lostInGaps += r.lostInGapsIn(firstMeasured, firstMeasured + sent);
                }
            }
            case ECHO -> {
                lost = Math.max(0, sent - received);
                // Each connection sees every n-th sequence number only: a hole in them is no reconnection's gap.
                lostInGaps = -1;
            }
            case PASSIVE -> {
                // What the server meant to send is unknown: gaps in its sequence numbers are what is known lost.
                for (Receiver r : receivers) {
                    lost += r.missingBelowHighest();
                    lostInGaps += r.missingInGapsBelowHighest();
                }
                expected = received + lost;
            }
            case IDLE -> {
                // Nothing was sent, so nothing can be lost.
            }
        }
        long duplicated = receivers.stream().mapToLong(Receiver::duplicated).sum();
        long outOfOrder = receivers.stream().mapToLong(Receiver::outOfOrder).sum();
        long negative = recorders.corrected.negativeCount() + recorders.uncorrected.negativeCount();
        double seconds = Math.max(measuredNanos, 1) / 1e9;

        Map<String, LatencySummary> latency = new LinkedHashMap<>();
        for (LatencyRecorder r : List.of(recorders.corrected, recorders.uncorrected, recorders.connect)) {
            latency.put(r.tag(), LatencySummary.ofNanos(log.total(r)));
        }
        if (sender != null) {
            latency.put(Metrics.SCHEDULE_LAG, LatencySummary.ofNanos(log.total(sender.lag())));
        }
        if (spec.workload() == Workload.PASSIVE) {
            for (LatencyRecorder r : List.of(recorders.firstMessage, recorders.interArrival)) {
                latency.put(r.tag(), LatencySummary.ofNanos(log.total(r)));
            }
        }
        for (LatencyRecorder occasional : List.of(recorders.heartbeat, recorders.downtime)) {
            Histogram total = log.total(occasional);
            if (total.getTotalCount() > 0) {
                latency.put(occasional.tag(), LatencySummary.ofNanos(total));
            }
        }
        healthProbes.summarise(log, latency);
        if (recorders.spread() != null) {
            latency.put(Metrics.FAN_OUT_SPREAD, LatencySummary.ofNanos(recorders.spread().histogram()));
        }
        long wireRead = atEnd.wireRead() - atStart.wireRead();
        long wireWritten = atEnd.wireWritten() - atStart.wireWritten();
        double perMessage = received == 0 ? 0 : (double) (wireRead + wireWritten) / received;
        Histogram downtime = log.total(recorders.downtime);
        long clamped = recorders.clampedValues() + healthProbes.clampedValues()
                + (sender == null ? 0 : sender.lag().clampedCount());
        SelfHealth health = selfHealth(unsent, latency, log, clamped, received, atStart, atEnd,
                Math.max(measuredNanos, 1));
        int held = Math.max(1, connections.size());
        return new TransportResult(driver.transport(), driver.stack(), spec.workload(), logName, seconds,
                received / seconds,
                new TransportResult.Connections(spec.subscribers(), connections.size(), connectFailures,
                        driver.tcpConnectionsOpened(), downtime.getTotalCount(),
                        round(downtime.getMean() * downtime.getTotalCount() / 1e9)),
                new TransportResult.Delivery(sent, expected, received, lost, duplicated, outOfOrder, negative,
                        lostInGaps),
                counters.errorsById(), latency,
                new TransportResult.Wire(wireRead, wireWritten, round(perMessage),
                        round(received == 0 ? 0 : perMessage - wirePayloadPerMessage())),
                health,
                new TransportResult.PerConnection(round(memory.heapBytes()), round(memory.rssBytes()),
                        health.serverCpuMillis() < 0 ? -1 : round(health.serverCpuMillis() * 1e3 / held),
                        round(health.generatorCpuMillis() * 1e3 / held),
                        round((double) (wireRead + wireWritten) / held))).withBrowser(BrowserSides.of(driver.browserFigures()));
    }

    private SelfHealth selfHealth(long unsent, Map<String, LatencySummary> latency, IntervalLog log, long clamped,
                                  long received, Snapshot atStart, Snapshot atEnd, long measuredNanos)
            throws InterruptedException {
        double elapsedNanos = atEnd.nanoTime() - atStart.nanoTime();
        double processCpu = atEnd.processCpuNanos() - atStart.processCpuNanos();
        boolean serverKnown = atStart.serverCpuNanos() >= 0;
        double serverCpu = serverKnown ? atEnd.serverCpuNanos() - atStart.serverCpuNanos() : -1;
        double generatorCpu = serverKnown ? processCpu - serverCpu : processCpu;
        double utilisation = processCpu / (elapsedNanos * Runtime.getRuntime().availableProcessors());
        SelfHealth.JvmPauses jvmPauses = healthProbes.jvmPauses();
        SelfHealth.PlatformStalls stalls = healthProbes.platformStalls(log);
        return SelfHealth.builder()
                .unsentMessages(unsent)
                .gcMillis(atEnd.gcMillis() - atStart.gcMillis())
                .cpuMillis(round(processCpu / 1e6), serverKnown ? round(serverCpu / 1e6) : -1,
                        round(generatorCpu / 1e6))
                .cpuMicrosPerMessage(received == 0 ? 0 : round(generatorCpu / 1e3 / received),
                        !serverKnown ? -1 : received == 0 ? 0 : round(serverCpu / 1e3 / received))
                .cpuUtilisation(Math.round(utilisation * 1000) / 1000.0)
                .jvmPauses(jvmPauses)
                .platformStalls(stalls)
                .clampedValues(clamped)
                .reasons(SaturationCheck.reasons(unsent, latency.get(Metrics.SCHEDULE_LAG), latency.get(Metrics.IO_LAG),
                        stalls.p99Micros()))
                .warnings(SaturationCheck.warnings(utilisation, jvmPauses, measuredNanos, stalls, clamped))
                .build();
    }

    /**
     * Payload bytes per delivered message: the message, and for echo also the request that carried
     * it, for chat the request's share (one request, delivered to every receiver); for passive runs
     * 0, as the server's message size is not known, and for idle runs 0.
     */
    private double wirePayloadPerMessage() {
        return switch (spec.workload()) {
            case ECHO -> 2.0 * spec.messageSize();
            case BROADCAST -> spec.messageSize();
            case CHAT -> spec.messageSize() * (1 + 1.0 / Math.max(1, receivers.size()));
            case PASSIVE, IDLE -> 0;
        };
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /**
     * Ends the run early (Ctrl-C, SIGTERM): sending stops, the drain is skipped, and {@link #run()}
     * returns the figures of what was measured so far, over the time actually measured. Safe from any thread.
     */
    public void stop() {
        stopRequested = true;
        connectionSet.stop();
        ScheduledSender sender = activeSender;
        if (sender != null) {
            sender.stop();
        }
        ClosedLoop loop = activeLoop;
        if (loop != null) {
            loop.stop();
        }
    }

    /** Counts an error that happened outside the run's connections, e.g. a publish the target refused. Thread-safe. */
    void countError(DriverException error) {
        counters.error(error);
    }

    /** Errors counted so far. Thread-safe. */
    long errorsSoFar() {
        return counters.errorTotal();
    }

    /** Messages received so far on every connection, measured or not. Thread-safe. */
    long messagesSoFar() {
        return counters.messages();
    }

    /** The message of the first error (a failed connect first), or null. */
    String firstError() {
        String connect = connectionSet.firstFailure();
        return connect != null ? connect : counters.firstError();
    }

    /** Connections open and not lost during the measured phase, counted at its end (after the drain); -1 before. */
    int held() {
        return held;
    }

    private void sleepUntil(long nanoTime) throws InterruptedException {
        long remaining;
        while (!stopRequested && (remaining = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(100)));
        }
    }

    /** Sets up a {@link TransportRun}; {@code spec}, {@code driver}, {@code target} and {@code resultDir} are required. */
    public static final class Builder {
        private RunSpec spec;
        private TransportDriver driver;
        private Target target;
        private Publisher publisher;
        private CapacityRun.Upstream upstream;
        private Path resultDir;
        private String logName;
        private ConnectionSet connections;
        private LongSupplier serverCpuNanos = () -> -1;
        private final List<IntervalLog.IntervalListener> progress = new ArrayList<>();

        public Builder spec(RunSpec spec) {
            this.spec = spec;
            return this;
        }

        /** The driver to connect with; the caller closes it after the run. */
        public Builder driver(TransportDriver driver) {
            this.driver = driver;
            return this;
        }

        /** Where the connections go. */
        public Builder target(Target target) {
            this.target = target;
            return this;
        }

        /** For broadcast: who publishes each planned message. */
        public Builder publisher(Publisher publisher) {
            this.publisher = publisher;
            return this;
        }

        /**
         * For broadcast, instead of a {@link #publisher}: publishes each planned message as an
         * envelope through a server's publish endpoint; a publish it refuses or that cannot reach
         * it is counted as an error (not fatal), and the message shows up as lost.
         */
        public Builder upstream(CapacityRun.Upstream upstream) {
            this.upstream = upstream;
            return this;
        }

        /** The result directory the histogram log is written into; must exist. */
        public Builder resultDir(Path resultDir) {
            this.resultDir = resultDir;
            return this;
        }

        /** The histogram log's file name in the result directory. Default: {@code <transport>-<client>.hlog}. */
        public Builder histogramLog(String fileName) {
            this.logName = fileName;
            return this;
        }

        /** Connections to grow and use, left open at the end; by default the run opens and closes its own. */
        Builder connections(ConnectionSet connections) {
            this.connections = connections;
            return this;
        }

        /**
         * Reads the CPU time used so far by an in-process server's threads, nanoseconds, so the
         * result can split the process's CPU between server and generator. Default: unknown (-1).
         */
        public Builder serverCpuNanos(LongSupplier serverCpuNanos) {
            this.serverCpuNanos = serverCpuNanos;
            return this;
        }

        /** Sees each interval as it is logged (e.g. live progress). */
        public Builder progress(IntervalLog.IntervalListener listener) {
            this.progress.add(listener);
            return this;
        }

        public TransportRun build() {
            return new TransportRun(this);
        }
    }
}
