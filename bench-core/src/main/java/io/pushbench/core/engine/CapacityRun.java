package io.pushbench.core.engine;

import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.record.IntervalLog;
import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.Environment;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.spec.CapacityMode;
import io.pushbench.core.spec.CapacitySpec;
import io.pushbench.core.spec.LoadModel;
import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.spec.ShardSlice;
import io.pushbench.core.spec.Slo;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Finds the load at which a server breaks an objective: runs a {@link CapacitySpec}'s staircase
 * against one target, step by step, judges each step against the {@link Slo} (and, with
 * {@link CapacitySpec#saturationBreaks()}, against pushbench's own saturation), and stops at the
 * first step that breaks it (or after the last). The capacity is the highest step that held.
 *
 * <p>Before the first step one connection is opened as a probe: a target that cannot be reached
 * (unknown host, refused, TLS or HTTP failure) ends the run at once with
 * {@link UnreachableTargetException}, rather than with a staircase of failures. The probe stays
 * open as one of the first step's connections; its connect time is not among that step's.
 *
 * <p>The connections are kept from step to step: a connection ramp opens only the connections a
 * step adds (at most {@link CapacitySpec#connectsPerSecond()} per second), so every step measures
 * the load it names rather than a reconnect storm; a rate ramp keeps the same connections
 * throughout. Each step is one {@link TransportRun} on those connections, with its own recorders
 * and histogram log ({@code step-NN.hlog}), its own warm-up, measured phase and drain; sending
 * pauses between steps while the next step's connections open. A connection the server dropped
 * during a step counts against that step even when the driver restored it.
 *
 * <p>Not thread-safe: one run, one thread, once; {@link #stop()} may be called from any thread.
 */
public final class CapacityRun {

    /** Sees a capacity run as it goes. Calls must return quickly. */
    public interface Listener {
        /** A step begins, before its new connections open. Called on the run's thread. */
        default void onStepStart(int index, int steps, int connections, double rate) {
        }

        /** Once a second during a step, on the histogram log's thread. */
        default void onTick(Tick tick) {
        }

        /**
         * A step ended and was judged; {@code soFar} is the result with every step so far. On the run's thread,
         * between steps: nothing is sent until it returns, so it may take a while (the generator floor runs here).
         */
        default void onStep(CapacityResult.Step step, CapacityResult soFar) {
        }
    }

    /**
     * One second of a step, for live progress.
     *
     * @param step              index of the step, from 1
     * @param steps             steps in the staircase
     * @param second            seconds since the step began (connecting, warm-up and measuring)
     * @param connectionsOpen   connections open now
     * @param connectionsWanted connections the step asks for
     * @param messagesPerSecond messages received in the last second, on every connection
     * @param p50Nanos          median message latency of the last second, -1 when none was measured
     * @param p99Nanos          its 99th percentile, -1 when none was measured
     * @param errors            errors counted in the step so far
     */
    public record Tick(int step, int steps, int second, int connectionsOpen, int connectionsWanted,
                       long messagesPerSecond, long p50Nanos, long p99Nanos, long errors) {
    }

    /** Sends one envelope upstream in pubsub mode: an HTTP {@code POST} or a WebSocket frame. */
    @FunctionalInterface
    public interface Upstream {
        /**
         * Called on the sender's thread, on schedule: must not block.
         *
         * @return completes when the server took the message, or fails with a {@link DriverException}
         */
        CompletableFuture<Void> publish(String text);
    }

    /** No connection to the target could be opened; the message says why, in one line. */
    public static final class UnreachableTargetException extends Exception {
        UnreachableTargetException(String message) {
            super(message);
        }
    }

    /**
     * How the violation of a step that broke because pushbench was saturated begins (with
     * {@link CapacitySpec#saturationBreaks()}); the saturation check's reasons follow it.
     */
    public static final String SATURATED = "pushbench saturated";

    private final CapacitySpec spec;
    private final TransportDriver driver;
    private final Target target;
    private final Upstream upstream;
    private final Path resultDir;
    private final Listener listener;
    private final String latencyTag;
    private final ShardSlice slice;
    private final StartGate startGate;
    private volatile boolean stopped;
    private volatile TransportRun current;
    private volatile ConnectionSet connections;

    private CapacityRun(Builder b) {
        this.spec = Objects.requireNonNull(b.spec, "spec");
        this.driver = Objects.requireNonNull(b.driver, "driver");
        this.target = Objects.requireNonNull(b.target, "target");
        this.resultDir = Objects.requireNonNull(b.resultDir, "resultDir");
        this.upstream = b.upstream;
        this.listener = b.listener;
        this.slice = b.slice;
        this.startGate = b.startGate;
        if (spec.mode() == CapacityMode.PUBSUB && upstream == null) {
            throw new IllegalArgumentException("a pubsub capacity run needs an upstream to publish through");
        }
        this.latencyTag = spec.mode() == CapacityMode.ECHO ? Metrics.RTT_CORRECTED : Metrics.PUSH_CORRECTED;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the staircase until a step breaks the objective, the last step, or {@link #stop()};
     * then closes the connections. Each step's histogram log is complete on disk when its step ends.
     *
     * @throws UnreachableTargetException when the probe connection could not be opened
     * @throws InterruptedException       if interrupted; the logs hold what was recorded until then
     */
    public CapacityResult run() throws InterruptedException, UnreachableTargetException {
        String startedAt = Instant.now().toString();
        Environment environment = Environment.capture(Environment.MONOTONIC_ONE_HOST);
        ConnectionSet set = new ConnectionSet(driver, target, spec.mode() == CapacityMode.PASSIVE
                ? PassiveReceiver::new : Receiver::new, spec.connectsPerSecond());
        connections = set;
        long heapBefore = ProcessMemory.heapUsedBytes();
        long rssBefore = ProcessMemory.rssBytes();
        List<CapacityResult.Step> steps = new ArrayList<>();
        try {
            probe(set);
            for (int i = 0; i < spec.steps() && !stopped; i++) {
                CapacityResult.Step step = runStep(set, i, heapBefore, rssBefore);
                if (step == null) {
                    break;
                }
                steps.add(step);
                listener.onStep(step, result(startedAt, environment, steps));
                if (!step.passed()) {
                    break;
                }
            }
        } finally {
            set.close();
        }
        return result(startedAt, environment, steps);
    }

    private void probe(ConnectionSet set) throws InterruptedException, UnreachableTargetException {
        set.growTo(1, new RunRecorders(spec.mode().workload()));
        if (set.size() == 0 && !stopped) {
            String why = set.firstFailure();
            throw new UnreachableTargetException("cannot connect to " + target.uri() + ": "
                    + (why != null ? why : "no answer within " + ConnectionSet.CONNECT_TIMEOUT_SECONDS + " s"));
        }
    }

    /** Runs step {@code index} (from 0); null when the run was stopped during it. */
    private CapacityResult.Step runStep(ConnectionSet set, int index, long heapBefore, long rssBefore)
            throws InterruptedException {
        int wanted = slice.connections(spec.connectionsAt(index));
        double rate = spec.rateAt(index);
        listener.onStepStart(index + 1, spec.steps(), wanted, rate);
        boolean passive = spec.mode() == CapacityMode.PASSIVE;
        RunSpec stepSpec = RunSpec.builder()
                .name("capacity step " + (index + 1))
                .transports(List.of(spec.transport()))
                .clients(List.of(spec.client()))
                .workload(spec.mode().workload())
                // Passive steps send nothing: no schedule.
                .load(passive ? new LoadModel.Closed(Duration.ZERO) : new LoadModel.ConstantRate(rate))
                .messageSize(spec.messageSize())
                // The whole step's connections: the run opens this shard's share of them.
                .subscribers(spec.connectionsAt(index))
                .warmup(spec.stepWarmup())
                .duration(spec.stepDuration())
                .drain(spec.drain())
                .timing(spec.timing())
                .build();
        TransportRun.Builder builder = TransportRun.builder()
                .spec(stepSpec)
                .driver(driver)
                .target(target)
                .connections(set)
                .histogramLog(ResultFiles.stepLogName(index + 1))
                .resultDir(resultDir)
                .progress(new Ticker(index + 1, wanted, set))
                .shard(slice)
                .startGate(startGate);
        if (!slice.whole()) {
            builder.progress(new ShardProgressLog(resultDir, index + 1, () -> {
                TransportRun running = current;
                return running == null ? 0 : running.deliveredSoFar();
            }));
        }
        if (spec.mode() == CapacityMode.PUBSUB) {
            builder.publisher(this::publish);
        }
        TransportRun run = builder.build();
        current = run;
        TransportResult result;
        try {
            if (stopped) {
                return null;
            }
            result = run.run();
        } finally {
            current = null;
        }
        if (stopped) {
            // A step cut short is not judged: its figures cover less than the step.
            return null;
        }
        int held = run.held();
        double errorRate = errorRate(result, wanted, held);
        List<String> violations = new ArrayList<>(spec.slo().violations(result, errorRate));
        if (spec.saturationBreaks() && result.selfHealth().saturated()) {
            violations.add(SATURATED + ": " + String.join("; ", result.selfHealth().reasons()));
        }
        return CapacityResult.Step.builder()
                .index(index + 1)
                .connections(wanted)
                .rate(rate)
                .load(spec.loadAt(index))
                .held(held)
                .errorRate(errorRate)
                .violations(violations)
                .firstError(run.firstError())
                .memory(memory(held, heapBefore, rssBefore))
                .result(result)
                .build();
    }

    /** The larger of the share of connections not held and the share of messages lost. */
    private static double errorRate(TransportResult result, int wanted, int held) {
        double connections = wanted == 0 ? 0 : (double) Math.max(0, wanted - held) / wanted;
        long expected = result.delivery().expected();
        double messages = expected == 0 ? 0 : (double) result.delivery().lost() / expected;
        return Math.max(connections, messages);
    }

    private static CapacityResult.Memory memory(int held, long heapBefore, long rssBefore) {
        ProcessMemory.PerConnection per = ProcessMemory.perConnection(heapBefore, rssBefore, held);
        return new CapacityResult.Memory(ProcessMemory.heapUsedBytes(), ProcessMemory.rssBytes(),
                Math.round(per.heapBytes()), per.rssBytes() < 0 ? -1 : Math.round(per.rssBytes()));
    }

    private CapacityResult result(String startedAt, Environment environment, List<CapacityResult.Step> steps) {
        return new CapacityResult(CapacityResult.FORMAT, startedAt, Instant.now().toString(), stopped, spec,
                environment, steps, CapacityResult.Verdict.of(spec, steps, stopped));
    }

    /** Publishes one planned envelope through the upstream; a refused publish counts as an error of the step. */
    private void publish(long sequence, long intendedNanos) {
        UpstreamPublishing.publish(upstream, sequence, intendedNanos, spec.messageSize(), current);
    }

    /**
     * Ends the run: the current step stops (and is not judged), no further step starts, and
     * {@link #run()} returns the steps that completed, marked interrupted. Safe from any thread.
     */
    public void stop() {
        stopped = true;
        ConnectionSet set = connections;
        if (set != null) {
            set.stop();
        }
        TransportRun run = current;
        if (run != null) {
            run.stop();
        }
    }

    /** Turns each logged interval into a {@link Tick}. Runs on the histogram log's thread. */
    private final class Ticker implements IntervalLog.IntervalListener {
        private final int step;
        private final int wanted;
        private final ConnectionSet set;
        private int second;
        private long messagesBefore;

        Ticker(int step, int wanted, ConnectionSet set) {
            this.step = step;
            this.wanted = wanted;
            this.set = set;
        }

        @Override
        public void onInterval(Map<String, Histogram> intervals) {
            second++;
            TransportRun run = current;
            if (run == null) {
                return;
            }
            long messages = run.messagesSoFar();
            long perSecond = messages - messagesBefore;
            messagesBefore = messages;
            Histogram latency = intervals.get(latencyTag);
            boolean measured = latency != null && latency.getTotalCount() > 0;
            listener.onTick(new Tick(step, spec.steps(), second, set.openCount(), wanted, perSecond,
                    measured ? latency.getValueAtPercentile(50) : -1, measured ? latency.getValueAtPercentile(99) : -1,
                    run.errorsSoFar()));
        }
    }

    /** Sets up a {@link CapacityRun}; {@code spec}, {@code driver}, {@code target} and {@code resultDir} are required. */
    public static final class Builder {
        private CapacitySpec spec;
        private TransportDriver driver;
        private Target target;
        private Upstream upstream;
        private Path resultDir;
        private Listener listener = new Listener() {
        };
        private ShardSlice slice = ShardSlice.WHOLE;
        private StartGate startGate = StartGate.IMMEDIATE;

        public Builder spec(CapacitySpec spec) {
            this.spec = spec;
            return this;
        }

        /** The driver of {@link CapacitySpec#transport()}; the caller closes it after the run. */
        public Builder driver(TransportDriver driver) {
            this.driver = driver;
            return this;
        }

        /** Where the connections go: the spec's URL, headers, and for echo on HTTP transports its send URL. */
        public Builder target(Target target) {
            this.target = target;
            return this;
        }

        /** For pubsub: how each envelope is published. The caller closes what it holds after the run. */
        public Builder upstream(Upstream upstream) {
            this.upstream = upstream;
            return this;
        }

        /** The directory the histogram logs are written into; must exist. */
        public Builder resultDir(Path resultDir) {
            this.resultDir = resultDir;
            return this;
        }

        /** Sees the steps and the seconds as they go. Default: nobody. */
        public Builder listener(Listener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** For one shard of a bigger run: its share of every step's connections and of the plan. Default: whole. */
        public Builder shard(ShardSlice slice) {
            this.slice = Objects.requireNonNull(slice, "slice");
            return this;
        }

        /** When each step's plan starts once its connections are open (a shard's rendezvous). Default: at once. */
        public Builder startGate(StartGate gate) {
            this.startGate = Objects.requireNonNull(gate, "gate");
            return this;
        }

        public CapacityRun build() {
            return new CapacityRun(this);
        }
    }
}
