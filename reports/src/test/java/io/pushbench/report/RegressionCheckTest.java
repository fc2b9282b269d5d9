package io.pushbench.report;

import io.pushbench.core.spec.Workload;
import io.pushbench.core.gate.Check;
import io.pushbench.core.record.LatencyRecorder;
import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.SelfHealth;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Regression checks on runs whose one-second intervals are known: a change of every second fails,
 * a few bad seconds or a baseline noisier than the allowance are inconclusive, a quiet baseline
 * and an unchanged run pass.
 */
class RegressionCheckTest {

    private static final MaxRegression.Allowance P99 = MaxRegression.parse("p99:+20%").allowances().get(0);

    @TempDir
    Path dir;
    private int logs;

    @Test
    void anUnchangedRunAgainstAQuietBaselinePasses() throws Exception {
        Check check = RegressionCheck.check(P99, run(seconds(10, 1.0)), run(seconds(10, 1.0)));

        assertThat(check.status()).isEqualTo(Check.Status.PASSED);
        assertThat(check.detail()).isEqualTo("p99 1.490 ms \u2192 1.490 ms (0%), within +20% (the middle half of the baseline's seconds "
                + "spread \u00B10%)");
    }

    @Test
    void aRunWhoseEverySecondGotSlowerFails() throws Exception {
        Check check = RegressionCheck.check(P99, run(seconds(10, 1.0)), run(seconds(10, 6.0)));

        assertThat(check.status()).isEqualTo(Check.Status.FAILED);
        assertThat(check.detail()).contains("(+499.9%), beyond +20%; the seconds moved too: median second +500%");
    }

    @Test
    void aRegressionWhilePushbenchWasSaturatedIsInconclusive() throws Exception {
        Check check = RegressionCheck.check(P99, run(seconds(10, 1.0)), run(seconds(10, 6.0), true));

        assertThat(check.status()).isEqualTo(Check.Status.INCONCLUSIVE);
        assertThat(check.detail()).contains("the seconds moved too").endsWith("; but pushbench was saturated in the "
                + "run (fell behind its plan: schedule lag p99 40 ms), so the figures may describe the generator, not "
                + "the server: run it on a quieter machine");
    }

    @Test
    void aFewBadSecondsAreNoiseNotAChange() throws Exception {
        double[] oneStall = seconds(10, 1.0);
        oneStall[4] = 80;

        Check check = RegressionCheck.check(P99, run(seconds(10, 1.0)), run(oneStall));

        assertThat(check.status()).isEqualTo(Check.Status.INCONCLUSIVE);
        assertThat(check.detail()).contains("beyond +20%, but the seconds did not move beyond their spread");
    }

    @Test
    void withinTheAllowanceOfANoisyBaselineIsInconclusiveNotPassed() throws Exception {
        double[] noisy = {1, 2, 1, 2, 1, 2, 1, 2, 1, 2};

        Check check = RegressionCheck.check(P99, run(noisy), run(noisy));

        assertThat(check.status()).isEqualTo(Check.Status.INCONCLUSIVE);
        assertThat(check.detail()).contains("within +20%, but the middle half of the baseline's seconds spread \u00B1").contains(
                "a regression of +20% could hide in that");
    }

    @Test
    void aRunBetterBeyondTheNoiseOfItsBaselinePasses() throws Exception {
        double[] noisy = {1, 2, 1, 2, 1, 2, 1, 2, 1, 2};

        Check check = RegressionCheck.check(P99, run(noisy), run(seconds(10, 0.2)));

        assertThat(check.status()).isEqualTo(Check.Status.PASSED);
        assertThat(check.detail()).endsWith("; the seconds got better beyond their spread)");
    }

    @Test
    void withTooFewSecondsTheWholeRunDecides() throws Exception {
        Check check = RegressionCheck.check(P99, run(seconds(3, 1.0)), run(seconds(3, 1.5)));

        assertThat(check.status()).isEqualTo(Check.Status.FAILED);
        assertThat(check.detail()).contains("whole run only: too few full one-second intervals (3 in the baseline, "
                + "3 in the run, at least 5 each)");
    }

    @Test
    void figuresWithoutIntervalsAreJudgedOnTheWholeRun() throws Exception {
        MaxRegression.Allowance cpu = MaxRegression.parse("cpu-per-msg:+10%").allowances().get(0);
        Check check = RegressionCheck.check(cpu, run(seconds(10, 1.0)), run(seconds(10, 1.0)));

        assertThat(check.status()).isEqualTo(Check.Status.PASSED);
        assertThat(check.detail()).contains("(whole run only: the figure has no intervals)");
    }

    @Test
    void aTransportMissingFromTheRunFails() throws Exception {
        RunStats baseline = new RunStats(dir, null, List.of(run(seconds(10, 1.0))), null);
        RunStats current = new RunStats(dir, null, List.of(), null);

        assertThat(RegressionCheck.check(MaxRegression.parse("p99:+20%"), baseline, current))
                .extracting(Check::line).containsExactly("failed: websocket p99:+20%: not in the current run (it ran )");
    }

    @Test
    void allowancesAreReadWithTheDirectionThatIsWorse() {
        MaxRegression m = MaxRegression.parse("p99:+20%, delivered:-5%,cpu-per-msg:10%");
        assertThat(m.text()).isEqualTo("p99:+20%,delivered:-5%,cpu-per-msg:+10%");
        assertThatThrownBy(() -> MaxRegression.parse("p99:-20%")).hasMessageContaining("write p99:+20%");
        assertThatThrownBy(() -> MaxRegression.parse("lost:+1%")).hasMessageContaining("unknown figure 'lost'")
                .hasMessageContaining("--assert lost=0");
        assertThatThrownBy(() -> MaxRegression.parse("p99<20%")).hasMessageContaining("FIGURE:+PERCENT");
    }

    /** {@code n} seconds whose latencies centre on {@code millis}. */
    private static double[] seconds(int n, double millis) {
        return DoubleStream.generate(() -> millis).limit(n).toArray();
    }

    /**
     * A WebSocket run whose histogram log holds one second per value of {@code medianMillis}: 1000 latencies each,
     * evenly from half to one and a half times that value.
     */
    private TransportStats run(double[] medianMillis) throws Exception {
        return run(medianMillis, false);
    }

    /** The same; {@code saturated} marks pushbench saturated in the run. */
    private TransportStats run(double[] medianMillis, boolean saturated) throws Exception {
        Path file = dir.resolve("run-" + (logs++) + ".hlog");
        Histogram total = LatencyRecorder.newHistogram();
        long start = 1_795_584_082_000L;
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.US_ASCII)) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputStartTime(start);
            writer.setBaseTime(start);
            for (int s = 0; s < medianMillis.length; s++) {
                Histogram h = LatencyRecorder.newHistogram();
                long median = Math.round(medianMillis[s] * 1_000_000);
                for (int i = 0; i < 1000; i++) {
                    h.recordValue(median / 2 + median * i / 1000);
                }
                h.setStartTimeStamp(start + s * 1000L);
                h.setEndTimeStamp(start + (s + 1) * 1000L);
                h.setTag(Metrics.PUSH_CORRECTED);
                writer.outputIntervalHistogram(h);
                total.add(h);
            }
        }
        long received = total.getTotalCount();
        TransportResult result = TransportResult.builder().transport(Transport.WEBSOCKET).client(ClientStack.NETTY)
                .workload(Workload.BROADCAST).histogramLog(file.getFileName().toString())
                .measuredSeconds(medianMillis.length).deliveredPerSecond(received / (double) medianMillis.length)
                .connections(TransportResult.Connections.allOpened(10))
                .delivery(TransportResult.Delivery.complete(received / 10, received))
                .latency(Map.of(Metrics.PUSH_CORRECTED, LatencySummary.ofNanos(total)))
                .selfHealth(SelfHealth.builder().cpuMillis(0, 100, 100).cpuMicrosPerMessage(10, 20).cpuUtilisation(0.1)
                        .reasons(saturated ? List.of("fell behind its plan: schedule lag p99 40 ms") : List.of())
                        .build())
                .build();
        return new TransportStats(result, HistogramLog.read(file));
    }
}
