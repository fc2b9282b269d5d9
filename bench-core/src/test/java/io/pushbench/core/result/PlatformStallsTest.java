package io.pushbench.core.result;

import io.pushbench.core.record.LatencyRecorder;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Which hiccups are stalls is judged against the run's own baseline, from recorded values. */
class PlatformStallsTest {

    private static final long SLEEP = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void ordinaryTimerSlackIsNoStallHoweverLargeItsShare() {
        // A virtual machine's slack: every 1 ms sleep overshoots, by 100 to 190 µs.
        Histogram hiccups = hiccups();
        for (int i = 0; i < 10_000; i++) {
            hiccups.recordValue(TimeUnit.MICROSECONDS.toNanos(100 + i % 10 * 10));
        }

        SelfHealth.PlatformStalls stalls = SelfHealth.PlatformStalls.ofHiccups(hiccups, SLEEP);

        assertThat(stalls.stalls()).isZero();
        assertThat(stalls.totalMillis()).isZero();
        assertThat(stalls.baselineMicros()).isCloseTo(140, within(1.0));
        assertThat(stalls.thresholdMicros()).isCloseTo(1140, within(1.0));
    }

    @Test
    void hiccupsAboveTheBaselinePlusAMillisecondAreStalls() {
        Histogram hiccups = hiccups();
        for (int i = 0; i < 1000; i++) {
            hiccups.recordValue(TimeUnit.MICROSECONDS.toNanos(100));
        }
        hiccups.recordValue(TimeUnit.MICROSECONDS.toNanos(1050)); // under 100 µs + 1 ms: slack, not a stall
        hiccups.recordValue(TimeUnit.MILLISECONDS.toNanos(3));
        hiccups.recordValue(TimeUnit.MILLISECONDS.toNanos(3));
        hiccups.recordValue(TimeUnit.MILLISECONDS.toNanos(40));

        SelfHealth.PlatformStalls stalls = SelfHealth.PlatformStalls.ofHiccups(hiccups, SLEEP);

        assertThat(stalls.stalls()).isEqualTo(3);
        assertThat(stalls.totalMillis()).isCloseTo(46, within(0.1));
        assertThat(stalls.longestMillis()).isCloseTo(40, within(0.1));
        // 1004 sleeps of 1 ms, plus every hiccup.
        assertThat(stalls.probedMillis()).isCloseTo(1004 + 100 + 1.05 + 46, within(0.2));
        assertThat(stalls.share()).isCloseTo(stalls.totalMillis() / stalls.probedMillis(), within(1e-9));
    }

    @Test
    void anIdleThreadsLatenessCountsEveryProbeAStallHeldBack() {
        // 2000 sleeps on time, one 40 ms stall: as jHiccup counts it, 39 more probes were held back by it, late by
        // 39, 38, ... 1 ms; with them, 2% of the probes were more than a millisecond late.
        Histogram hiccups = hiccups();
        for (int i = 0; i < 2000; i++) {
            hiccups.recordValue(TimeUnit.MICROSECONDS.toNanos(100));
        }
        hiccups.recordValue(TimeUnit.MILLISECONDS.toNanos(40));

        SelfHealth.PlatformStalls stalls = SelfHealth.PlatformStalls.ofHiccups(hiccups, SLEEP);

        assertThat(stalls.stalls()).isEqualTo(1);
        // 2040 probes, 40 of them late by 1, 2, ... 40 ms: the 99th percentile (the 2020th) is the 20 ms one.
        assertThat(stalls.p99Micros()).isCloseTo(20_000, within(100.0));
    }

    @Test
    void theBaselineFollowsTheMachine() {
        // A slower timer (every sleep 2 ms over): the same 3 ms hiccup is now within the slack.
        Histogram slow = hiccups();
        for (int i = 0; i < 1000; i++) {
            slow.recordValue(TimeUnit.MILLISECONDS.toNanos(2));
        }
        slow.recordValue(TimeUnit.MILLISECONDS.toNanos(3));

        SelfHealth.PlatformStalls stalls = SelfHealth.PlatformStalls.ofHiccups(slow, SLEEP);

        assertThat(stalls.baselineMicros()).isCloseTo(2000, within(2.0));
        assertThat(stalls.stalls()).isZero();
    }

    @Test
    void noProbesNoStalls() {
        SelfHealth.PlatformStalls stalls = SelfHealth.PlatformStalls.ofHiccups(hiccups(), SLEEP);

        assertThat(stalls.stalls()).isZero();
        assertThat(stalls.share()).isZero();
    }

    private static Histogram hiccups() {
        return LatencyRecorder.newHistogram();
    }
}
