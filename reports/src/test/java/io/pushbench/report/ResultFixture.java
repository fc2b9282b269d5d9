package io.pushbench.report;

import io.pushbench.core.record.LatencyRecorder;
import io.pushbench.core.result.Environment;
import io.pushbench.core.result.FloorResult;
import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.RunResult;
import io.pushbench.core.result.SelfHealth;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.spec.Workload;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntToLongFunction;

/**
 * Writes a result directory with known figures through the same writers a run uses
 * ({@link ResultFiles}, HdrHistogram's {@link HistogramLogWriter}): a {@code result.json} and one
 * histogram log per transport, with a warm-up interval that measured nothing, then
 * {@value #INTERVALS} measured intervals of {@value #PER_INTERVAL} latencies each.
 */
final class ResultFixture {

    static final int INTERVALS = 3;
    static final int PER_INTERVAL = 1000;
    static final int MESSAGE_SIZE = 256;
    static final long START_MILLIS = 1_795_584_082_000L;
    private static final String SATURATION_REASON = "fell behind its plan: schedule lag p99 12.0 ms > 5 ms, sends went out late";

    /** One transport: its latencies run from {@code medianNanos / 2} to {@code 1.5 * medianNanos}, plus a tail. */
    record Fake(Transport transport, ClientStack client, long medianNanos, double wireBytesPerMessage) {
    }

    private final List<Fake> transports = new ArrayList<>();
    private boolean interrupted;
    private boolean saturated;
    private double rate = 1000;
    private String name = "fixture";
    private long floorMedianNanos;

    ResultFixture transport(Transport transport, long medianNanos, double wireBytesPerMessage) {
        transports.add(new Fake(transport, ClientStack.NETTY, medianNanos, wireBytesPerMessage));
        return this;
    }

    ResultFixture interrupted(boolean interrupted) {
        this.interrupted = interrupted;
        return this;
    }

    /** Marks every transport's generator saturated, and the floor's if there is one, with one reason. */
    ResultFixture saturated(boolean saturated) {
        this.saturated = saturated;
        return this;
    }

    ResultFixture rate(double rate) {
        this.rate = rate;
        return this;
    }

    /**
     * Adds a floor: its one-way latencies run from {@code medianNanos / 2} to {@code 1.5 * medianNanos}
     * (no tail), its round trips twice those.
     */
    ResultFixture floor(long medianNanos) {
        this.floorMedianNanos = medianNanos;
        return this;
    }

    ResultFixture name(String name) {
        this.name = name;
        return this;
    }

    /** Writes the directory (created if needed) and returns it. */
    Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<TransportResult> results = new ArrayList<>();
        for (Fake fake : transports) {
            results.add(writeTransport(dir, fake));
        }
        RunSpec spec = RunSpec.builder().name(name).transports(transports.stream().map(Fake::transport).toList())
                .clients(List.of(ClientStack.NETTY)).workload(Workload.BROADCAST).rate(rate)
                .messageSize(MESSAGE_SIZE).subscribers(10).warmup(Duration.ofSeconds(1))
                .duration(Duration.ofSeconds(INTERVALS)).drain(Duration.ofSeconds(2)).build();
        ResultFiles.write(dir, new RunResult(RunResult.FORMAT, "2026-11-25T05:21:22.143Z", "2026-11-25T05:21:30Z",
                interrupted, spec, Environment.capture(Environment.MONOTONIC_ONE_HOST), results)
                .withFloor(floorMedianNanos > 0 ? writeFloor(dir) : null));
        return dir;
    }

    private FloorResult writeFloor(Path dir) throws IOException {
        Map<String, Histogram> totals = writeLog(dir.resolve(FloorResult.HISTOGRAM_LOG), START_MILLIS, Map.of(
                Metrics.PUSH_CORRECTED, i -> spread(floorMedianNanos, i),
                Metrics.RTT_CORRECTED, i -> 2 * spread(floorMedianNanos, i)));
        Map<String, LatencySummary> latency = new LinkedHashMap<>();
        totals.forEach((tag, total) -> latency.put(tag, LatencySummary.ofNanos(total)));
        long sent = totals.get(Metrics.PUSH_CORRECTED).getTotalCount();
        return new FloorResult(MESSAGE_SIZE, INTERVALS, sent, sent, sent / (double) INTERVALS, FloorResult.HISTOGRAM_LOG,
                latency, saturated ? List.of(SATURATION_REASON) : List.of());
    }

    private TransportResult writeTransport(Path dir, Fake fake) throws IOException {
        return writeTransport(dir, ResultFiles.histogramLogName(fake.transport(), fake.client()), fake.transport(),
                fake.client(), Workload.BROADCAST, START_MILLIS, fake.medianNanos(), fake.wireBytesPerMessage(),
                saturated);
    }

    /**
     * Writes one histogram log named {@code logName} (a warm-up interval, then {@value #INTERVALS}
     * measured ones of a second each, from {@code startMillis}) and returns the matching figures, as a
     * run of {@code workload} would.
     */
    static TransportResult writeTransport(Path dir, String logName, Transport transport, ClientStack client,
                                          Workload workload, long startMillis, long medianNanos,
                                          double wireBytesPerMessage, boolean saturated) throws IOException {
        boolean echo = workload == Workload.ECHO;
        String correctedTag = echo ? Metrics.RTT_CORRECTED : Metrics.PUSH_CORRECTED;
        String uncorrectedTag = echo ? Metrics.RTT_UNCORRECTED : Metrics.PUSH_UNCORRECTED;
        Map<String, Histogram> totals = writeLog(dir.resolve(logName), startMillis, Map.of(
                correctedTag, i -> spread(medianNanos, i) * (i >= PER_INTERVAL - 10 ? 10 : 1),
                uncorrectedTag, i -> spread(medianNanos, i)));
        Histogram correctedTotal = totals.get(correctedTag);
        Histogram uncorrectedTotal = totals.get(uncorrectedTag);
        long received = correctedTotal.getTotalCount();
        Map<String, LatencySummary> latency = new LinkedHashMap<>();
        latency.put(correctedTag, LatencySummary.ofNanos(correctedTotal));
        latency.put(uncorrectedTag, LatencySummary.ofNanos(uncorrectedTotal));
        return TransportResult.builder().transport(transport).client(client).workload(workload).histogramLog(logName)
                .measuredSeconds(INTERVALS).deliveredPerSecond(received / (double) INTERVALS)
                .connections(TransportResult.Connections.allOpened(10))
                .delivery(TransportResult.Delivery.complete(received / 10, received))
                .latency(latency)
                .wire(new TransportResult.Wire(Math.round(wireBytesPerMessage * received), 0,
                        wireBytesPerMessage, wireBytesPerMessage - MESSAGE_SIZE))
                .selfHealth(SelfHealth.builder().gcMillis(12).cpuMillis(900, 300, 600)
                        .cpuMicrosPerMessage(600_000.0 / received, 300_000.0 / received).cpuUtilisation(0.25)
                        .jvmPauses(new SelfHealth.JvmPauses(3, 12, 6, 40, 14.5, 6.2))
                        .platformStalls(new SelfHealth.PlatformStalls(95, 1095, 7, 11.2, 3.1, 10_200, 480))
                        .reasons(saturated ? List.of(SATURATION_REASON) : List.of()).build())
                .build();
    }

    /** The {@code i}-th latency of an interval: evenly from {@code median / 2} to {@code 1.5 * median}. */
    private static long spread(long medianNanos, int i) {
        return medianNanos / 2 + medianNanos * i / PER_INTERVAL;
    }

    /**
     * Writes a histogram log: a warm-up interval that measured nothing, then {@value #INTERVALS} intervals of
     * {@value #PER_INTERVAL} values per tag, the {@code i}-th from the tag's function.
     *
     * @return each tag's total
     */
    private static Map<String, Histogram> writeLog(Path file, long startMillis, Map<String, IntToLongFunction> valuesByTag)
            throws IOException {
        Map<String, Histogram> totals = new TreeMap<>();
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.US_ASCII)) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputLogFormatVersion();
            writer.outputStartTime(startMillis);
            writer.setBaseTime(startMillis);
            writer.outputLegend();
            for (int interval = 0; interval <= INTERVALS; interval++) {
                for (Map.Entry<String, IntToLongFunction> tag : new TreeMap<>(valuesByTag).entrySet()) {
                    Histogram h = LatencyRecorder.newHistogram();
                    if (interval > 0) { // the first interval is the warm-up: nothing measured
                        for (int i = 0; i < PER_INTERVAL; i++) {
                            h.recordValue(tag.getValue().applyAsLong(i));
                        }
                    }
                    log(writer, tag.getKey(), h, startMillis + interval * 1000L);
                    totals.computeIfAbsent(tag.getKey(), t -> LatencyRecorder.newHistogram()).add(h);
                }
            }
        }
        return totals;
    }

    private static void log(HistogramLogWriter writer, String tag, Histogram h, long startMillis) {
        h.setStartTimeStamp(startMillis);
        h.setEndTimeStamp(startMillis + 1000);
        h.setTag(tag);
        writer.outputIntervalHistogram(h);
    }
}
