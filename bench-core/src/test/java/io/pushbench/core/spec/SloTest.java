package io.pushbench.core.spec;

import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.TestResults;
import io.pushbench.core.result.TransportResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Objective sets: parsing, the default error budget, and judging a step's figures. */
class SloTest {

    @Test
    void objectivesAreReadWithTheirUnits() {
        Slo slo = Slo.parse("p99<100ms, p50<=500us,connect-p99<2s,errors<0.1%");
        assertThat(slo.objectives()).hasSize(4);
        assertThat(slo.objectives().get(0).limit()).isEqualTo(100_000);
        assertThat(slo.objectives().get(1).inclusive()).isTrue();
        assertThat(slo.objectives().get(1).limit()).isEqualTo(500);
        assertThat(slo.objectives().get(2).kind()).isEqualTo(Slo.Kind.CONNECT);
        assertThat(slo.objectives().get(2).limit()).isEqualTo(2_000_000);
        assertThat(slo.objectives().get(3).limit()).isEqualTo(0.1);
        assertThat(slo.text()).isEqualTo("p99<100ms,p50<=500us,connect-p99<2s,errors<0.1%");
        assertThat(Slo.parse(slo.text())).isEqualTo(slo);
    }

    @Test
    void anErrorBudgetIsAddedWhenNoneIsGiven() {
        Slo slo = Slo.parse("p99<50ms");
        assertThat(slo.objectives()).hasSize(2);
        assertThat(slo.objectives().get(1).kind()).isEqualTo(Slo.Kind.ERRORS);
        assertThat(slo.objectives().get(1).limit()).isEqualTo(Slo.DEFAULT_ERROR_BUDGET_PERCENT);
        assertThat(slo).hasToString("p99<50ms, errors<1% (default)");
        assertThat(slo.text()).isEqualTo("p99<50ms,errors<1%");
    }

    @Test
    void errorsQuoteTheBadObjectiveAndSayWhatIsValid() {
        assertThatThrownBy(() -> Slo.parse("p99<fast")).hasMessageContaining("'p99<fast'")
                .hasMessageContaining("duration");
        assertThatThrownBy(() -> Slo.parse("p99<100")).hasMessageContaining("'100'").hasMessageContaining("unit");
        assertThatThrownBy(() -> Slo.parse("p42<1ms")).hasMessageContaining("unknown objective 'p42'")
                .hasMessageContaining("p99.9");
        assertThatThrownBy(() -> Slo.parse("errors<5")).hasMessageContaining("percentage");
        assertThatThrownBy(() -> Slo.parse("errors<120%")).hasMessageContaining("percentage");
        assertThatThrownBy(() -> Slo.parse("p99>1ms")).hasMessageContaining("'p99>1ms' is not an objective");
        assertThatThrownBy(() -> Slo.parse("p99<1ms,")).hasMessageContaining("'' is not an objective");
        assertThatThrownBy(() -> Slo.parse("p99<0ms")).hasMessageContaining("above zero");
    }

    @Test
    void aStepWithinEveryLimitHasNoViolations() {
        TransportResult result = result(Workload.ECHO, Metrics.RTT_CORRECTED, TestResults.latency(10_000, 40_000));
        assertThat(Slo.parse("p99<50ms,p50<20ms,errors<1%").violations(result, 0.001)).isEmpty();
    }

    @Test
    void eachBrokenLimitIsNamedWithItsValue() {
        TransportResult result = result(Workload.BROADCAST, Metrics.PUSH_CORRECTED, TestResults.latency(10_000, 62_100));
        assertThat(Slo.parse("p99<50ms,errors<1%").violations(result, 0.1667))
                .containsExactly("p99 62.1 ms >= 50 ms", "errors 16.7% >= 1%");
        assertThat(Slo.parse("p99<=62.1ms").violations(result, 0)).isEmpty();
    }

    @Test
    void aLimitOnAFigureNotMeasuredFails() {
        TransportResult result = result(Workload.PASSIVE, Metrics.PUSH_CORRECTED, new LatencySummary(0, 0, 0, 0, 0, 0, 0));
        assertThat(Slo.parse("p99<1s").violations(result, 0)).containsExactly("p99: nothing measured");
        assertThat(Slo.parse("gap-p99<1s").violations(result, 0)).containsExactly("gap-p99: nothing measured");
    }

    @Test
    void lostMessagesAndCpuPerMessageAreObjectivesToo() {
        Slo slo = Slo.parse("lost=0,cpu-per-msg<20us,pushbench-cpu-per-msg<=5us");
        assertThat(slo.text()).isEqualTo("lost=0,cpu-per-msg<20us,pushbench-cpu-per-msg<=5us,errors<1%");
        assertThat(Slo.parse(slo.text()).text()).isEqualTo(slo.text());
        assertThat(Slo.parse("lost<100,errors=0").text()).isEqualTo("lost<100,errors=0%");

        TransportResult result = TestResults.result(Workload.BROADCAST, Metrics.PUSH_CORRECTED,
                TestResults.latency(1_000, 2_000), false);
        // TestResults: nothing lost; the server's CPU unknown (-1: another process), pushbench's 0 us per message.
        assertThat(Slo.parse("lost=0,pushbench-cpu-per-msg<1us").violations(result, 0)).isEmpty();
        assertThat(Slo.parse("cpu-per-msg<20us").violations(result, 0))
                .containsExactly("cpu-per-msg: not measured (the server runs in another process)");
        assertThat(Slo.Objective.parse("lost=0").measured(result, 0)).isEqualTo("lost 0");
        assertThat(Slo.Objective.parse("p99<1ms").check(result, 0)).isEqualTo("p99 2 ms >= 1 ms");
        assertThat(Slo.Objective.parse("p99<10ms").measured(result, 0)).isEqualTo("p99 2 ms");
    }

    @Test
    void equalsTakesOnlyZero() {
        assertThatThrownBy(() -> Slo.parse("lost=5")).hasMessageContaining("= takes only 0")
                .hasMessageContaining("lost<=5");
        assertThatThrownBy(() -> Slo.parse("p99=1ms")).hasMessageContaining("= takes only 0");
        assertThatThrownBy(() -> Slo.parse("lost<0")).hasMessageContaining("lost=0");
        assertThatThrownBy(() -> Slo.parse("lost<few")).hasMessageContaining("count");
        assertThatThrownBy(() -> Slo.parse("cpu<1us")).hasMessageContaining("cpu-per-msg");
    }

    private static TransportResult result(Workload workload, String metric, LatencySummary summary) {
        return TestResults.result(workload, metric, summary, false);
    }
}
