package io.pushbench.core.engine;

import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.result.SelfHealth;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Only falling behind the plan or the reads makes a run saturated; the rest is reported, each by its name. */
class SaturationCheckTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void theReasonsNameWhatWasSeenAndItsThreshold() {
        assertThat(SaturationCheck.reasons(3, lag(6000), lag(7000), 200)).containsExactly(
                "fell behind its plan: 3 planned messages were never sent",
                "fell behind its plan: schedule lag p90 6.0 ms > 5.2 ms (an idle thread's p99 0.2 ms + 5 ms), "
                        + "a tenth of the sends went out late",
                "could not read what arrived: client I/O threads ran tasks late, event-loop lag p90 7.0 ms > 5.2 ms "
                        + "(an idle thread's p99 0.2 ms + 5 ms)");
    }

    @Test
    void aRunThatKeptItsPlanAndItsReadsIsNotSaturated() {
        assertThat(SaturationCheck.reasons(0, lag(4000), lag(4000), 200)).isEmpty();
        assertThat(SaturationCheck.reasons(0, null, null, 0)).as("a closed loop, not probed").isEmpty();
    }

    @Test
    void lateAsAnIdleThreadIsThePlatformNotTheGenerator() {
        // The machine held every thread of the process: an idle one was 30 ms late at p99 too.
        assertThat(SaturationCheck.reasons(0, lag(33_000), lag(34_000), 30_000)).isEmpty();
        assertThat(SaturationCheck.reasons(0, lag(36_000), lag(34_000), 30_000)).singleElement().asString()
                .startsWith("fell behind its plan: schedule lag p90 36.0 ms > 35.0 ms");
    }

    @Test
    void busyCpuPausesAndStallsAreWarningsNamedApart() {
        SelfHealth.JvmPauses pauses = new SelfHealth.JvmPauses(4, 50, 30, 20, 60, 31);
        SelfHealth.PlatformStalls stalls = new SelfHealth.PlatformStalls(100, 1100, 9, 80, 12, 1000, 9000);

        assertThat(SaturationCheck.warnings(0.95, false, pauses, SECOND, stalls, 2)).containsExactly(
                "CPU: the process used 95% of all CPUs > 90%",
                "JVM pauses: 6.0% of the measured time > 5% (longest 31.0 ms; 4 GC pauses, 50.0 ms)",
                "platform stalls: 8.0% of the probed time > 5% (9 hiccups above 1.1 ms, longest 12.0 ms)",
                "2 values above the histograms' range (one hour) were recorded as one hour: "
                        + "maxima and high percentiles are understated");
        assertThat(SaturationCheck.warnings(0.95, true, null, SECOND, null, 0))
                .containsExactly("CPU: the process and the browser used 95% of all CPUs > 90%");
    }

    @Test
    void withoutSafepointsTheGcPausesCount() {
        SelfHealth.JvmPauses gcOnly = new SelfHealth.JvmPauses(2, 70, 40, -1, -1, -1);

        assertThat(SaturationCheck.warnings(0.2, false, gcOnly, SECOND, null, 0))
                .containsExactly("JVM pauses: 7.0% of the measured time > 5% (longest 40.0 ms; 2 GC pauses, 70.0 ms)");
        assertThat(SaturationCheck.warnings(0.2, false, new SelfHealth.JvmPauses(1, 10, 10, 3, 12, 10), SECOND,
                new SelfHealth.PlatformStalls(100, 1100, 1, 2, 2, 1000, 200), 0)).isEmpty();
    }

    @Test
    void aFewLateSendsAreBurstsOfTheMachineNotFallingBehind() {
        // 1% of the sends 40 ms late, the rest on time: a burst the process rode out, not a debt that grows.
        LatencySummary bursty = new LatencySummary(1000, 50, 80, 40_000, 40_000, 40_000, 450);
        assertThat(SaturationCheck.reasons(0, bursty, bursty, 3_000)).isEmpty();
    }

    /** A schedule- or event-loop-lag summary with this 90th percentile (and above), microseconds. */
    private static LatencySummary lag(double p90) {
        return new LatencySummary(1000, 50, p90, p90, p90, p90, 60);
    }
}
