package io.pushbench.server;

import io.pushbench.core.result.Metrics;
import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A delay injected in the server shifts the measured push latency by that delay. The tolerance,
 * 0.5 ms on a 5 ms delay, is the documented one of {@code pushbench calibrate}: it covers the
 * scheduling jitter of the delay itself on a busy machine.
 */
class CalibrationTest {

    @Test
    void aFiveMillisecondDelayShiftsTheMedianByFiveMilliseconds(@TempDir Path dir) throws Exception {
        RunSpec spec = RunSpec.builder().transports(List.of(Transport.WEBSOCKET)).rate(1000).subscribers(5)
                .warmup(Duration.ofMillis(300)).duration(Duration.ofSeconds(2)).build();
        double base;
        double delayed;
        try (ReferenceServer server = ReferenceServer.builder().start()) {
            base = EngineFixture.broadcast(server, spec, dir).latency().get(Metrics.PUSH_CORRECTED).p50();
        }
        try (ReferenceServer server = ReferenceServer.builder().delay(Duration.ofMillis(5)).start()) {
            delayed = EngineFixture.broadcast(server, spec, dir).latency().get(Metrics.PUSH_CORRECTED).p50();
        }
        assertThat(delayed - base).as("shift of p50, µs").isCloseTo(5000.0, within(500.0));
    }
}
