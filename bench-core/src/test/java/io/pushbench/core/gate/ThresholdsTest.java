package io.pushbench.core.gate;

import io.pushbench.core.spec.CapacityMode;
import io.pushbench.core.spec.CapacitySpec;
import io.pushbench.core.spec.Ramp;
import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.spec.Slo;
import io.pushbench.core.spec.Workload;
import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.RunResult;
import io.pushbench.core.result.TestResults;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Thresholds: reading them, and judging compare runs and capacity staircases by them. */
class ThresholdsTest {

    @Test
    void aThresholdIsForEveryTransportOrForOneNamedBeforeAColon() {
        Thresholds t = Thresholds.parse("websocket:p99<5ms, lost=0,sse-http2/jetty:errors<0.1%,capacity>=500");
        assertThat(t.thresholds()).hasSize(4);
        assertThat(t.thresholds().get(0).scope()).isEqualTo("websocket");
        assertThat(t.thresholds().get(1).scope()).isNull();
        assertThat(t.thresholds().get(2).scope()).isEqualTo("sse-http2/jetty");
        assertThat(t.text()).isEqualTo("websocket:p99<5ms,lost=0,sse-http2/jetty:errors<0.1%,capacity>=500");
        assertThat(Thresholds.parse(t.text())).isEqualTo(t);
        assertThat(t.onCapacity()).isTrue();
        // No error budget is added, unlike an --slo.
        assertThat(Thresholds.parse("p99<5ms").thresholds()).hasSize(1);

        Threshold websocket = t.thresholds().get(0);
        assertThat(websocket.appliesTo("websocket")).isTrue();
        assertThat(websocket.appliesTo("websocket/okhttp")).isTrue();
        assertThat(websocket.appliesTo("sse-http1")).isFalse();
        assertThat(t.thresholds().get(2).appliesTo("sse-http2")).isFalse();
    }

    @Test
    void aWrongThresholdIsQuotedWithWhatIsValid() {
        assertThatThrownBy(() -> Thresholds.parse("websockets:p99<5ms")).hasMessageContaining("'websockets:p99<5ms'")
                .hasMessageContaining("unknown transport 'websockets'");
        assertThatThrownBy(() -> Thresholds.parse("p99<5")).hasMessageContaining("unit");
        assertThatThrownBy(() -> Thresholds.parse("capacity<5")).hasMessageContaining("capacity>=N");
        assertThatCode(() -> Thresholds.parse("p99<5ms").requireSubjects(List.of("websocket"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> Thresholds.parse("sse-http1:p99<5ms").requireSubjects(List.of("websocket")))
                .hasMessageContaining("sse-http1 is not measured by this run (it measures websocket)");
    }

    @Test
    void eachTransportIsJudgedByEveryThresholdForIt() {
        RunResult run = run(List.of(Transport.WEBSOCKET, Transport.SSE_HTTP1),
                result(Transport.WEBSOCKET, 2_000, 0), result(Transport.SSE_HTTP1, 20_000, 3));

        List<Check> checks = Thresholds.parse("p99<10ms,websocket:lost=0,lost=0").check(run);

        assertThat(checks).extracting(Check::line).containsExactly(
                "passed: websocket p99<10ms: p99 2 ms",
                "passed: websocket lost=0: lost 0",
                "passed: websocket lost=0: lost 0",
                "failed: sse-http1 p99<10ms: p99 20 ms >= 10 ms",
                "failed: sse-http1 lost=0: lost 3 > 0");
        assertThat(Check.anyFailed(checks)).isTrue();
        assertThat(Check.tally(checks)).isEqualTo("2 of 5 failed");
    }

    @Test
    void aTransportTheRunDidNotReachFailsItsThresholds() {
        RunResult run = run(List.of(Transport.WEBSOCKET, Transport.SSE_HTTP1), result(Transport.WEBSOCKET, 2_000, 0));

        assertThat(Thresholds.parse("p99<10ms").check(run)).extracting(Check::line).containsExactly(
                "passed: websocket p99<10ms: p99 2 ms",
                "failed: sse-http1 p99<10ms: not measured: the run ended before sse-http1 ran");
    }

    @Test
    void theErrorRateOfACompareRunCountsConnectionsNotOpenedAndMessagesLost() {
        TransportResult lossy = result(Transport.WEBSOCKET, 1_000, 50);
        assertThat(Thresholds.errorRate(lossy)).isEqualTo(0.05);
        assertThat(Thresholds.parse("errors<1%").check(run(List.of(Transport.WEBSOCKET), lossy)))
                .extracting(Check::detail).containsExactly("errors 5.0% >= 1%");
    }

    @Test
    void aStaircaseIsJudgedAtTheStepThatHeldAndByTheCapacityFound() {
        CapacitySpec spec = CapacitySpec.builder().url(URI.create("ws://127.0.0.1:9/ws")).mode(CapacityMode.ECHO)
                .connections(Ramp.parse("100..300/100")).rate(Ramp.fixed(200)).slo(Slo.parse("p99<50ms")).build();
        List<CapacityResult.Step> steps = List.of(step(spec, 1, 1_000), step(spec, 2, 4_000), step(spec, 3, 80_000));
        CapacityResult run = new CapacityResult(CapacityResult.FORMAT, "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z",
                false, spec, null, steps, CapacityResult.Verdict.of(spec, steps, false));

        assertThat(Thresholds.parse("p99<3ms,capacity>=200,capacity>=300").check(run)).extracting(Check::line)
                .containsExactly(
                        "failed: websocket p99<3ms: step 2: p99 4 ms >= 3 ms",
                        "passed: websocket capacity>=200: capacity 200 connections",
                        "failed: websocket capacity>=300: capacity 200 connections < 300");
    }

    @Test
    void aStaircaseWhoseFirstStepBrokeIsJudgedAtThatStep() {
        CapacitySpec spec = CapacitySpec.builder().url(URI.create("ws://127.0.0.1:9/ws")).mode(CapacityMode.ECHO)
                .connections(Ramp.fixed(10)).rate(Ramp.fixed(200)).slo(Slo.parse("p99<50ms")).build();
        List<CapacityResult.Step> steps = List.of(step(spec, 1, 80_000));
        CapacityResult run = new CapacityResult(CapacityResult.FORMAT, "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z",
                false, spec, null, steps, CapacityResult.Verdict.of(spec, steps, false));

        assertThat(Thresholds.parse("p99<10s,capacity>=1").check(run)).extracting(Check::line).containsExactly(
                "passed: websocket p99<10s: step 1, none held: p99 80 ms",
                "failed: websocket capacity>=1: capacity 0: no step held < 1");
    }

    private static CapacityResult.Step step(CapacitySpec spec, int index, double p99Micros) {
        TransportResult result = TestResults.result(Workload.ECHO, Metrics.RTT_CORRECTED,
                TestResults.latency(100, p99Micros), false);
        List<String> violations = spec.slo().violations(result, 0);
        return CapacityResult.Step.builder().index(index).connections(index * 100).rate(200).load(index * 100)
                .held(index * 100).violations(violations).memory(new CapacityResult.Memory(0, 0, 0, 0)).result(result)
                .build();
    }

    private static TransportResult result(Transport transport, double p99Micros, long lost) {
        TransportResult r = TestResults.result(Workload.BROADCAST, Metrics.PUSH_CORRECTED,
                TestResults.latency(p99Micros / 2, p99Micros), false);
        return r.toBuilder().transport(transport).client(ClientStack.NETTY)
                .delivery(TransportResult.Delivery.builder().sent(1000).expected(1000).received(1000 - lost).lost(lost)
                        .build())
                .build();
    }

    private static RunResult run(List<Transport> transports, TransportResult... results) {
        RunSpec spec = RunSpec.builder().name("t").transports(transports).clients(List.of(ClientStack.NETTY))
                .workload(Workload.BROADCAST).rate(100).build();
        return new RunResult(RunResult.FORMAT, "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z", false, spec, null,
                List.of(results));
    }
}
