package io.pushbench.report;

import io.pushbench.core.engine.RunSpec;
import io.pushbench.core.engine.Workload;
import io.pushbench.core.record.LatencyRecorder;
import io.pushbench.core.result.Environment;
import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.RunResult;
import io.pushbench.core.result.SelfHealth;
import io.pushbench.core.result.TransportResult;
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
    private static final long START_MILLIS = 1_795_584_082_000L;

    /** One transport: its latencies run from {@code medianNanos / 2} to {@code 1.5 * medianNanos}, plus a tail. */
    record Fake(Transport transport, ClientStack client, long medianNanos, double wireBytesPerMessage) {
    }

    private final List<Fake> transports = new ArrayList<>();
    private boolean interrupted;
    private boolean saturated;
    private double rate = 1000;
    private String name = "fixture";

    ResultFixture transport(Transport transport, long medianNanos, double wireBytesPerMessage) {
        transports.add(new Fake(transport, ClientStack.NETTY, medianNanos, wireBytesPerMessage));
        return this;
    }

    ResultFixture interrupted(boolean interrupted) {
        this.interrupted = interrupted;
        return this;
    }

    /** Marks every transport's generator saturated, with one reason. */
    ResultFixture saturated(boolean saturated) {
        this.saturated = saturated;
        return this;
    }

    ResultFixture rate(double rate) {
        this.rate = rate;
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
                interrupted, spec, Environment.capture(Environment.MONOTONIC_ONE_HOST), results));
        return dir;
    }

    private TransportResult writeTransport(Path dir, Fake fake) throws IOException {
        String logName = ResultFiles.histogramLogName(fake.transport(), fake.client());
        Histogram correctedTotal = LatencyRecorder.newHistogram();
        Histogram uncorrectedTotal = LatencyRecorder.newHistogram();
        try (PrintStream out = new PrintStream(Files.newOutputStream(dir.resolve(logName)), false,
                StandardCharsets.US_ASCII)) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputLogFormatVersion();
            writer.outputStartTime(START_MILLIS);
            writer.setBaseTime(START_MILLIS);
            writer.outputLegend();
            for (int interval = 0; interval <= INTERVALS; interval++) {
                Histogram corrected = LatencyRecorder.newHistogram();
                Histogram uncorrected = LatencyRecorder.newHistogram();
                if (interval > 0) { // the first interval is the warm-up: nothing measured
                    for (int i = 0; i < PER_INTERVAL; i++) {
                        long value = fake.medianNanos() / 2 + fake.medianNanos() * i / PER_INTERVAL;
                        long tail = i >= PER_INTERVAL - 10 ? 10 : 1;
                        corrected.recordValue(value * tail);
                        uncorrected.recordValue(value);
                    }
                }
                long start = START_MILLIS + interval * 1000L;
                log(writer, Metrics.PUSH_CORRECTED, corrected, start);
                log(writer, Metrics.PUSH_UNCORRECTED, uncorrected, start);
                correctedTotal.add(corrected);
                uncorrectedTotal.add(uncorrected);
            }
        }
        long received = correctedTotal.getTotalCount();
        Map<String, LatencySummary> latency = new LinkedHashMap<>();
        latency.put(Metrics.PUSH_CORRECTED, LatencySummary.ofNanos(correctedTotal));
        latency.put(Metrics.PUSH_UNCORRECTED, LatencySummary.ofNanos(uncorrectedTotal));
        return new TransportResult(fake.transport(), fake.client(), Workload.BROADCAST, logName, INTERVALS,
                received / (double) INTERVALS, new TransportResult.Connections(10, 10, 0, 10, 0),
                new TransportResult.Delivery(received / 10, received, received, 0, 0, 0, 0), Map.of(), latency,
                new TransportResult.Wire(Math.round(fake.wireBytesPerMessage() * received), 0,
                        fake.wireBytesPerMessage(), fake.wireBytesPerMessage() - MESSAGE_SIZE),
                new SelfHealth(0, 12, 900, 300, 600, 600_000.0 / received, 300_000.0 / received, 0.25, saturated,
                        saturated ? List.of("schedule lag p99 12.0 ms > 5 ms: sends went out late") : List.of()), null);
    }

    private static void log(HistogramLogWriter writer, String tag, Histogram h, long startMillis) {
        h.setStartTimeStamp(startMillis);
        h.setEndTimeStamp(startMillis + 1000);
        h.setTag(tag);
        writer.outputIntervalHistogram(h);
    }
}
