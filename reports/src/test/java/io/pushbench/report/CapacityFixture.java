package io.pushbench.report;

import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.Environment;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.spec.CapacityMode;
import io.pushbench.core.spec.CapacitySpec;
import io.pushbench.core.spec.Ramp;
import io.pushbench.core.spec.Slo;
import io.pushbench.core.spec.Workload;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a capacity result directory with known figures, as {@code pushbench capacity} would: a
 * WebSocket echo staircase of {@value #FIRST} connections up by {@value #STEP} per step, at 1000
 * msg/s, against {@code p99<50ms}. Each step's latencies come from its median (see
 * {@link ResultFixture}: p99 is about {@code 1.5 x} the median); the verdict is computed as the run computes it.
 */
final class CapacityFixture {

    static final int FIRST = 100;
    static final int STEP = 100;
    static final String URL = "ws://127.0.0.1:8080/ws/echo";

    private record FakeStep(long medianNanos, double errorRate, boolean saturated) {
    }

    private final List<FakeStep> steps = new ArrayList<>();
    private boolean interrupted;

    /** Adds a step with this median latency and error rate (0 .. 1). */
    CapacityFixture step(long medianNanos, double errorRate) {
        steps.add(new FakeStep(medianNanos, errorRate, false));
        return this;
    }

    /** Adds a step in which the generator was saturated. */
    CapacityFixture saturatedStep(long medianNanos, double errorRate) {
        steps.add(new FakeStep(medianNanos, errorRate, true));
        return this;
    }

    CapacityFixture interrupted(boolean interrupted) {
        this.interrupted = interrupted;
        return this;
    }

    /** The spec of the run: the ramp reaches ten steps, whatever number of steps were written. */
    static CapacitySpec spec() {
        return CapacitySpec.builder().url(URI.create(URL)).transport(Transport.WEBSOCKET).mode(CapacityMode.ECHO)
                .connections(new Ramp(FIRST, FIRST + 9 * STEP, STEP, false)).rate(Ramp.fixed(1000))
                .slo(Slo.parse("p99<50ms")).stepWarmup(Duration.ofSeconds(1)).stepDuration(Duration.ofSeconds(3))
                .build();
    }

    /** Writes the directory (created if needed); steps after the first that broke are not run, as in a real run. */
    Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        CapacitySpec spec = spec();
        List<CapacityResult.Step> written = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            FakeStep fake = steps.get(i);
            int connections = spec.connectionsAt(i);
            long startMillis = ResultFixture.START_MILLIS + i * 7_000L;
            TransportResult result = ResultFixture.writeTransport(dir, ResultFiles.stepLogName(i + 1),
                    Transport.WEBSOCKET, ClientStack.NETTY, Workload.ECHO, startMillis, fake.medianNanos(), 262.0,
                    fake.saturated());
            int held = (int) Math.round(connections * (1 - fake.errorRate()));
            List<String> violations = spec.slo().violations(result, fake.errorRate());
            written.add(CapacityResult.Step.builder().index(i + 1).connections(connections).rate(1000)
                    .load(connections).held(held).errorRate(fake.errorRate()).violations(violations)
                    .firstError(fake.errorRate() > 0 ? "connection refused" : null)
                    .memory(new CapacityResult.Memory(50_000_000, 120_000_000, 8_192, 14_336)).result(result).build());
            if (!violations.isEmpty()) {
                break;
            }
        }
        ResultFiles.write(dir, new CapacityResult(CapacityResult.FORMAT, "2026-11-25T05:21:22.143Z",
                "2026-11-25T05:22:30Z", interrupted, spec, Environment.capture(Environment.MONOTONIC_ONE_HOST), written,
                CapacityResult.Verdict.of(spec, written, interrupted)));
        return dir;
    }
}
