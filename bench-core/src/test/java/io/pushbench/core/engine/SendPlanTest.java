package io.pushbench.core.engine;

import io.pushbench.core.spec.LoadModel;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SendPlanTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void aConstantRateSpacesSendsExactly() {
        SendPlan plan = new SendPlan(new LoadModel.ConstantRate(1000), SECOND, 2 * SECOND);
        for (long i = 0; i < 3000; i++) {
            assertThat(plan.offsetNanos(i)).isEqualTo(i * 1_000_000);
        }
        assertThat(plan.firstMeasured()).isEqualTo(1000);
        assertThat(plan.endExclusive()).isEqualTo(3000);
    }

    @Test
    void theFirstMeasuredSendIsTheFirstAtOrAfterTheWarmup() {
        SendPlan plan = new SendPlan(new LoadModel.ConstantRate(3), SECOND, SECOND);
        assertThat(plan.offsetNanos(plan.firstMeasured())).isGreaterThanOrEqualTo(SECOND);
        assertThat(plan.offsetNanos(plan.firstMeasured() - 1)).isLessThan(SECOND);
        assertThat(plan.offsetNanos(plan.endExclusive() - 1)).isLessThan(2 * SECOND);
        assertThat(plan.offsetNanos(plan.endExclusive())).isGreaterThanOrEqualTo(2 * SECOND);
    }

    @Test
    void aRampSendsWhatItsRateIntegratesTo() {
        SendPlan plan = new SendPlan(new LoadModel.RampRate(100, 300), 0, 10 * SECOND);
        // The mean rate of a linear ramp from 100/s to 300/s is 200/s: 2000 sends in 10 s.
        assertThat(plan.endExclusive()).isCloseTo(2000L, within(1L));
        long previous = -1;
        for (long i = 0; i < plan.endExclusive(); i++) {
            assertThat(plan.offsetNanos(i)).isGreaterThan(previous);
            previous = plan.offsetNanos(i);
        }
        // Gaps shrink as the rate rises: 1/100 s at the start, 1/300 s at the end.
        assertThat(plan.offsetNanos(1) - plan.offsetNanos(0)).isCloseTo(SECOND / 100, within(SECOND / 10_000));
        long end = plan.endExclusive();
        assertThat(plan.offsetNanos(end - 1) - plan.offsetNanos(end - 2)).isCloseTo(SECOND / 300, within(SECOND / 10_000));
    }

    @Test
    void refusesAClosedModel() {
        assertThatThrownBy(() -> new SendPlan(new LoadModel.Closed(java.time.Duration.ZERO), 0, SECOND))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ratesAreValidatedWithTheOptionName() {
        assertThatThrownBy(() -> new LoadModel.ConstantRate(-5))
                .hasMessage("rate must be > 0 and <= 10000000 messages per second, was -5.0");
        assertThatThrownBy(() -> new LoadModel.ConstantRate(0)).hasMessageStartingWith("rate must be > 0");
    }
}
