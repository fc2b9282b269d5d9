package io.pushbench.core.result;

import io.pushbench.core.spec.CapacityMode;
import io.pushbench.core.spec.CapacitySpec;
import io.pushbench.core.spec.Ramp;
import io.pushbench.core.spec.Slo;
import io.pushbench.core.spec.Workload;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The one-line verdict of a capacity run, from its steps. */
class CapacityVerdictTest {

    private static final CapacitySpec SPEC = CapacitySpec.builder().url(URI.create("ws://127.0.0.1:9/ws"))
            .mode(CapacityMode.ECHO).connections(Ramp.parse("100..300/100")).rate(Ramp.fixed(200))
            .slo(Slo.parse("p99<50ms")).build();

    private static CapacityResult.Step step(int index, double p99Micros, double errorRate, boolean saturated) {
        TransportResult result = TestResults.result(Workload.ECHO, Metrics.RTT_CORRECTED,
                TestResults.latency(100, p99Micros), saturated);
        List<String> violations = SPEC.slo().violations(result, errorRate);
        return CapacityResult.Step.builder().index(index).connections(index * 100).rate(200).load(index * 100)
                .held(index * 100).errorRate(errorRate).violations(violations)
                .memory(new CapacityResult.Memory(0, 0, 0, 0)).result(result).build();
    }

    @Test
    void theHighestStepBeforeTheFirstBreakIsTheCapacity() {
        CapacityResult.Verdict v = CapacityResult.Verdict.of(SPEC,
                List.of(step(1, 1_000, 0, false), step(2, 2_000, 0, false), step(3, 80_000, 0, false)), false);
        assertThat(v.heldStep()).isEqualTo(2);
        assertThat(v.capacity()).isEqualTo(200);
        assertThat(v.brokenStep()).isEqualTo(3);
        assertThat(v.saturatedAtBreak()).isFalse();
        assertThat(v.summary()).isEqualTo("capacity: 200 connections at 200 msg/s held (p99 2.00 ms, errors 0.00%); "
                + "broke at 300 connections at 200 msg/s: p99 80 ms >= 50 ms");
    }

    @Test
    void aFirstStepThatBreaksPutsTheCapacityBelowIt() {
        CapacityResult.Verdict v = CapacityResult.Verdict.of(SPEC, List.of(step(1, 1_000, 0.5, false)), false);
        assertThat(v.heldStep()).isZero();
        assertThat(v.summary()).isEqualTo("capacity: below 100 connections at 200 msg/s: the first step broke: "
                + "errors 50.0% >= 1%");
    }

    @Test
    void aStaircaseThatHeldThroughoutGivesALowerBound() {
        CapacityResult.Verdict v = CapacityResult.Verdict.of(SPEC, List.of(step(1, 1_000, 0, false)), false);
        assertThat(v.brokenStep()).isZero();
        assertThat(v.summary()).startsWith("capacity: at least 100 connections").endsWith("raise the top of the ramp "
                + "to find the limit");
        assertThat(CapacityResult.Verdict.of(SPEC, List.of(step(1, 1_000, 0, false)), true).summary())
                .endsWith("interrupted before a step broke");
    }

    @Test
    void aSaturatedGeneratorCastsDoubtOnALatencyBreakOnly() {
        CapacityResult.Verdict latency = CapacityResult.Verdict.of(SPEC,
                List.of(step(1, 1_000, 0, false), step(2, 80_000, 0, true)), false);
        assertThat(latency.saturatedAtBreak()).isTrue();
        assertThat(latency.summary()).endsWith("the limit may be the generator's)");
        CapacityResult.Verdict refused = CapacityResult.Verdict.of(SPEC,
                List.of(step(1, 1_000, 0, false), step(2, 1_000, 0.2, true)), false);
        assertThat(refused.saturatedAtBreak()).isFalse();
        assertThat(refused.summary()).doesNotContain("generator");
    }
}
