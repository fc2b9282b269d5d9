package io.pushbench.core.engine;

import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.record.IntervalLog;
import io.pushbench.core.record.LatencyRecorder;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.spec.ShardSlice;
import io.pushbench.core.spec.Workload;

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
 * pushes on its own; for {@link Workload#IDLE} it sends nothing and expects nothing. What
 * differs is each workload's {@link WorkloadBehaviour}; the timeline is {@link RunPhases}, and the
 * figures are put together by {@link ResultAssembly}.
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

    private final RunSpec spec;
    private final WorkloadBehaviour behaviour;
    private final TransportDriver driver;
    private final Target target;
    private final Publisher publisher;
    private final Path resultDir;
    private final String logName;
    private final List<IntervalLog.IntervalListener> progress;
    private final ConnectionSet connectionSet;
    private final boolean ownsConnections;
    private final ShardSlice slice;
    private final StartGate startGate;

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

    private TransportRun(Builder b) {
        this.spec = Objects.requireNonNull(b.spec, "spec");
        this.behaviour = WorkloadBehaviour.of(spec.workload());
        this.driver = Objects.requireNonNull(b.driver, "driver");
        this.target = Objects.requireNonNull(b.target, "target");
        CapacityRun.Upstream upstream = b.upstream;
        this.publisher = upstream == null ? b.publisher
                : (sequence, intended) -> UpstreamPublishing.publish(upstream, sequence, intended, spec.messageSize(), this);
        this.resultDir = Objects.requireNonNull(b.resultDir, "resultDir");
        this.logName = b.logName != null ? b.logName : ResultFiles.histogramLogName(driver.transport(), driver.stack());
        this.progress = List.copyOf(b.progress);
        if (behaviour instanceof WorkloadBehaviour.Broadcast && publisher == null) {
            throw new IllegalArgumentException("a broadcast run needs a publisher");
        }
        this.serverCpuNanos = b.serverCpuNanos;
        this.recorders = new RunRecorders(spec.workload(), behaviour.senders(spec));
        this.window = recorders.window;
        this.counters = recorders.counters;
        this.ownsConnections = b.connections == null;
        this.slice = b.slice;
        this.startGate = b.startGate;
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
        WorkloadBehaviour.Sending sending = behaviour instanceof WorkloadBehaviour.Sending s ? s : null;
        SendPlan plan = sending != null && spec.load().isOpen()
                ? new SendPlan(spec.load(), spec.warmup().toNanos(), spec.duration().toNanos())
                : null;
        ScheduledSender sender = null;
        HealthProbes healthProbes = new HealthProbes(driver.ioLoops(), window);
        List<LatencyRecorder> logged = new ArrayList<>(List.of(recorders.corrected, recorders.uncorrected,
                recorders.connect, recorders.heartbeat, recorders.downtime));
        logged.addAll(healthProbes.recorders());
        logged.addAll(behaviour.ownRecorders(recorders));
        LatencyRecorder lag = ScheduledSender.newLagRecorder();
        if (plan != null) {
            logged.add(lag);
            recorders.expectSequences(plan.endExclusive());
            if (!slice.whole() && behaviour instanceof WorkloadBehaviour.Broadcast) {
                recorders.shardView = new ShardView(slice, plan.firstMeasured(), plan.endExclusive());
            }
            if (spec.workload().fansOut()) {
                recorders.trackSpread(plan.firstMeasured(), plan.endExclusive() - plan.firstMeasured());
            }
        }
        ResultAssembly assembly = new ResultAssembly(spec, driver, behaviour, recorders, healthProbes, logName,
                slice.connections(spec.subscribers()));
        try (IntervalLog log = new IntervalLog(resultDir.resolve(logName), 1000, logged);
             HealthProbes probes = healthProbes) {
            progress.forEach(log::addListener);
            log.start(driver.transport().id() + " with " + driver.stack().id() + ", tags: "
                    + logged.stream().map(LatencyRecorder::tag).toList());
            healthProbes.start();
            connectionSet.attach(recorders);
            long heapBefore = ProcessMemory.heapUsedBytes();
            long rssBefore = ProcessMemory.rssBytes();
            long connectFailures = connectionSet.growTo(slice.connections(spec.subscribers()), recorders);
            connections = connectionSet.connections();
            receivers = connectionSet.receivers();
            assembly.connections(connections, receivers, connectFailures,
                    ProcessMemory.perConnection(heapBefore, rssBefore, connections.size()));
            RunPhases phases = new RunPhases(spec, () -> stopRequested, startGate);
            window.set(phases.measureStart, phases.measureEnd);
            ClosedLoop closedLoop = null;
            if (plan != null) {
                // The shards follow the connections' event loops, so the sender is made once they are open.
                sender = new ScheduledSender("sender-" + driver.transport().id(), plan,
                        Math.max(TimeUnit.SECONDS.toNanos(1), spec.duration().toNanos() / 10), spec.timing(),
                        ShardedPlan.restrict(sending.shards(spec, connections, publisher, this::countPlanned,
                                slice.count()), slice), lag);
                activeSender = sender;
                sender.start(phases.start);
            } else if (behaviour.repliesInClosedLoop()) {
                closedLoop = new ClosedLoop(connectionsByReceiver(), spec, window, counters);
                activeLoop = closedLoop;
                closedLoop.start(phases.start);
            }
            if (stopRequested) {
                stop();
            }
            phases.awaitMeasuring();
            Snapshot atStart = Snapshot.take(driver, serverCpuNanos);
            long lastSent;
            if (sender != null) {
                sender.join();
                lastSent = sender.sent();
            } else {
                phases.awaitMeasured();
                if (closedLoop != null) {
                    closedLoop.stop();
                }
                lastSent = -1;
            }
            long measuredNanos = phases.measuredNanos();
            long firstMeasured = plan != null ? plan.firstMeasured() : 0;
            long sent = sending != null ? sending.sent(lastSent, firstMeasured, counters) : 0;
            long expected = behaviour.expected(sent, receivers.size());
            if (sending != null) {
                phases.drain(expected, counters::deliveredInWindow);
            }
            Snapshot atEnd = Snapshot.take(driver, serverCpuNanos);
            held = connectionSet.heldCount();
            if (ownsConnections) {
                connectionSet.close();
            }
            healthProbes.stop();
            log.stop();
            long unsent = plan != null && !stopRequested ? Math.max(0, plan.endExclusive() - Math.max(lastSent, 0)) : 0;
            return assembly.sends(sender, firstMeasured, sent, expected, unsent)
                    .between(atStart, atEnd, measuredNanos)
                    .assemble(log);
        }
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

    /** Deliveries counted in the measured window so far. Thread-safe. */
    long deliveredSoFar() {
        return counters.deliveredInWindow();
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
        private ShardSlice slice = ShardSlice.WHOLE;
        private StartGate startGate = StartGate.IMMEDIATE;
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

        /** For one shard of a bigger run: which part of the plan this run sends. Default: the whole run. */
        public Builder shard(ShardSlice slice) {
            this.slice = Objects.requireNonNull(slice, "slice");
            return this;
        }

        /** When the plan starts once the connections are open (a shard's rendezvous). Default: at once. */
        public Builder startGate(StartGate gate) {
            this.startGate = Objects.requireNonNull(gate, "gate");
            return this;
        }

        public TransportRun build() {
            return new TransportRun(this);
        }
    }
}
