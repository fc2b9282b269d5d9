package io.pushbench.core.engine;

import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.record.IntervalLog;
import io.pushbench.core.record.LatencyRecorder;
import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.SelfHealth;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.spec.RunSpec;
import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what one {@link TransportRun} counted and recorded into its {@link TransportResult}: the
 * deliveries and losses (as its {@link WorkloadBehaviour} judges them), the latency summaries from
 * the histogram log's totals, the wire bytes, the self-check, and the cost per connection. Set the
 * parts in any order, then {@link #assemble}. One run, one assembly.
 */
final class ResultAssembly {

    private final int requested;
    private final RunSpec spec;
    private final TransportDriver driver;
    private final WorkloadBehaviour behaviour;
    private final RunRecorders recorders;
    private final HealthProbes healthProbes;
    private final String logName;

    private List<PushConnection> connections = List.of();
    private List<Receiver> receivers = List.of();
    private long connectFailures;
    private ScheduledSender sender;
    private long firstMeasured;
    private long sent;
    private long expected;
    private long unsent;
    private Snapshot atStart;
    private Snapshot atEnd;
    private long measuredNanos;
    private ProcessMemory.PerConnection memory;

    /** @param requested the connections this run asked for: the spec's, or one shard's part of them */
    ResultAssembly(RunSpec spec, TransportDriver driver, WorkloadBehaviour behaviour, RunRecorders recorders,
                   HealthProbes healthProbes, String logName, int requested) {
        this.spec = spec;
        this.requested = requested;
        this.driver = driver;
        this.behaviour = behaviour;
        this.recorders = recorders;
        this.healthProbes = healthProbes;
        this.logName = logName;
    }

    /** The connections that opened, their receivers, and the attempts that failed. */
    ResultAssembly connections(List<PushConnection> connections, List<Receiver> receivers, long connectFailures,
                               ProcessMemory.PerConnection memory) {
        this.connections = connections;
        this.receivers = receivers;
        this.connectFailures = connectFailures;
        this.memory = memory;
        return this;
    }

    /**
     * What was sent in the measured phase.
     *
     * @param sender        the scheduled sender, or null (closed loop, nothing sent)
     * @param firstMeasured the first sequence number planned in the measured phase
     * @param sent          messages sent in it
     * @param expected      deliveries expected of them
     * @param unsent        planned messages never sent
     */
    ResultAssembly sends(ScheduledSender sender, long firstMeasured, long sent, long expected, long unsent) {
        this.sender = sender;
        this.firstMeasured = firstMeasured;
        this.sent = sent;
        this.expected = expected;
        this.unsent = unsent;
        return this;
    }

    /** The counters at the measured phase's start and after the drain, and how long was measured. */
    ResultAssembly between(Snapshot atStart, Snapshot atEnd, long measuredNanos) {
        this.atStart = atStart;
        this.atEnd = atEnd;
        this.measuredNanos = measuredNanos;
        return this;
    }

    TransportResult assemble(IntervalLog log) throws InterruptedException {
        RunCounters counters = recorders.counters;
        long received = counters.deliveredInWindow();
        WorkloadBehaviour.Losses losses = behaviour.losses(receivers, firstMeasured, sent, expected, received);
        double seconds = Math.max(measuredNanos, 1) / 1e9;
        Map<String, LatencySummary> latency = latency(log);
        long wireRead = atEnd.wireRead() - atStart.wireRead();
        long wireWritten = atEnd.wireWritten() - atStart.wireWritten();
        double perMessage = received == 0 ? 0 : (double) (wireRead + wireWritten) / received;
        CpuAccount cpu = CpuAccount.between(atStart, atEnd);
        SelfHealth health = selfHealth(latency, log, received, cpu);
        Histogram downtime = log.total(recorders.downtime);
        int held = Math.max(1, connections.size());
        return TransportResult.builder()
                .transport(driver.transport())
                .client(driver.stack())
                .workload(spec.workload())
                .histogramLog(logName)
                .measuredSeconds(seconds)
                .deliveredPerSecond(received / seconds)
                .connections(TransportResult.Connections.builder()
                        .requested(requested)
                        .opened(connections.size())
                        .failed(connectFailures)
                        .tcpConnections(driver.tcpConnectionsOpened())
                        .reconnects(downtime.getTotalCount())
                        .downtimeSeconds(round(downtime.getMean() * downtime.getTotalCount() / 1e9))
                        .build())
                .delivery(TransportResult.Delivery.builder()
                        .sent(sent)
                        .expected(losses.expected())
                        .received(received)
                        .lost(losses.lost())
                        .duplicated(receivers.stream().mapToLong(Receiver::duplicated).sum())
                        .outOfOrder(receivers.stream().mapToLong(Receiver::outOfOrder).sum())
                        .negativeLatencies(recorders.corrected.negativeCount() + recorders.uncorrected.negativeCount())
                        .lostInGaps(losses.lostInGaps())
                        .build())
                .errors(counters.errorsById())
                .latency(latency)
                .wire(new TransportResult.Wire(wireRead, wireWritten, round(perMessage), round(received == 0 ? 0
                        : perMessage - behaviour.payloadPerMessage(spec.messageSize(), receivers.size()))))
                .selfHealth(health)
                .perConnection(new TransportResult.PerConnection(round(memory.heapBytes()), round(memory.rssBytes()),
                        // From the self-check's figures, so that the two agree to their rounding.
                        health.serverCpuMillis() < 0 ? -1 : round(health.serverCpuMillis() * 1e3 / held),
                        round(health.generatorCpuMillis() * 1e3 / held),
                        round((double) (wireRead + wireWritten) / held)))
                .browser(BrowserSides.of(driver.browserFigures()))
                .build();
    }

    /** The latency summaries by metric: the common ones, the workload's own, and those seen at least once. */
    private Map<String, LatencySummary> latency(IntervalLog log) {
        Map<String, LatencySummary> latency = new LinkedHashMap<>();
        for (LatencyRecorder r : List.of(recorders.corrected, recorders.uncorrected, recorders.connect)) {
            latency.put(r.tag(), LatencySummary.ofNanos(log.total(r)));
        }
        if (sender != null) {
            latency.put(Metrics.SCHEDULE_LAG, LatencySummary.ofNanos(log.total(sender.lag())));
        }
        for (LatencyRecorder r : behaviour.ownRecorders(recorders)) {
            latency.put(r.tag(), LatencySummary.ofNanos(log.total(r)));
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
        return latency;
    }

    /** How the generator fared: unsent, CPU, pauses, stalls, values clamped in any of the run's histograms. */
    private SelfHealth selfHealth(Map<String, LatencySummary> latency, IntervalLog log, long received,
                                  CpuAccount cpu) throws InterruptedException {
        long clamped = recorders.clampedValues() + healthProbes.clampedValues()
                + (sender == null ? 0 : sender.lag().clampedCount());
        SelfHealth.JvmPauses jvmPauses = healthProbes.jvmPauses();
        SelfHealth.PlatformStalls stalls = healthProbes.platformStalls(log);
        return SelfHealth.builder()
                .unsentMessages(unsent)
                .gcMillis(atEnd.gcMillis() - atStart.gcMillis())
                .cpuMillis(round(cpu.processNanos() / 1e6), cpu.serverKnown() ? round(cpu.serverNanos() / 1e6) : -1,
                        round(cpu.generatorNanos() / 1e6))
                .cpuMicrosPerMessage(round(cpu.generatorMicrosPer(received)), round(cpu.serverMicrosPer(received)))
                .cpuUtilisation(Math.round(cpu.utilisation() * 1000) / 1000.0)
                .compilerCpuMillis(cpu.compilerNanos() < 0 ? -1 : round(cpu.compilerNanos() / 1e6))
                .outsideCpuMillis(round(cpu.outsideNanos() / 1e6))
                .jvmPauses(jvmPauses)
                .platformStalls(stalls)
                .clampedValues(clamped)
                .reasons(SaturationCheck.reasons(unsent, latency.get(Metrics.SCHEDULE_LAG), latency.get(Metrics.IO_LAG),
                        stalls.p99Micros()))
                .warnings(SaturationCheck.warnings(cpu.utilisation(), cpu.outsideNanos() > 0, jvmPauses,
                        Math.max(measuredNanos, 1), stalls, clamped))
                .build();
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
