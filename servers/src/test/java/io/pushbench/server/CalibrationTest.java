package io.pushbench.server;

import io.pushbench.core.result.Metrics;
import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.testing.HistogramLogs;
import io.pushbench.core.transport.Transport;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A delay injected in the server is in every measured push latency: against a server that holds
 * each broadcast 5 ms, no message is measured faster than 5 ms, from the plan or from the send
 * (both stamps are taken before the server's delay). A tool that stamped after the delay, or read
 * the wrong clock, fails this on any machine. That the median shifts by the delay and no more
 * (within 0.5 ms) is accuracy, which a loaded machine blurs: {@code pushbench calibrate} checks it
 * on the machine that measures.
 */
class CalibrationTest {

    private static final Duration DELAY = Duration.ofMillis(5);

    @Test
    void aDelayInTheServerIsInEveryMeasuredLatency(@TempDir Path dir) throws Exception {
        RunSpec spec = RunSpec.builder().transports(List.of(Transport.WEBSOCKET)).rate(1000).subscribers(5)
                .warmup(Duration.ofMillis(300)).duration(Duration.ofSeconds(2)).build();
        try (ReferenceServer server = ReferenceServer.builder().delay(DELAY).start()) {
            TransportResult result = EngineFixture.broadcast(server, spec, dir);

            Map<String, Histogram> logged = HistogramLogs.totalsByTag(dir.resolve(result.histogramLog()));
            for (String metric : List.of(Metrics.PUSH_CORRECTED, Metrics.PUSH_UNCORRECTED)) {
                Histogram latency = logged.get(metric);
                assertThat(latency.getTotalCount()).as(metric + " count").isPositive();
                assertThat(latency.getMinValue()).as(metric + " min, ns")
                        .isGreaterThanOrEqualTo(latency.lowestEquivalentValue(DELAY.toNanos()));
            }
        }
    }
}
