package io.pushbench.core.engine;

import io.pushbench.core.result.SelfHealth;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The JVM's own reports of its pauses reach the windows open on them, and only those. */
class JvmPauseMonitorTest {

    @Test
    void aFullCollectionIsSeenAsAGcPauseAndASafepoint() throws Exception {
        JvmPauseMonitor monitor = JvmPauseMonitor.get();
        JvmPauseMonitor.Window counting = monitor.open(end -> true);
        JvmPauseMonitor.Window ignoring = monitor.open(end -> false);

        System.gc();
        SelfHealth.JvmPauses seen = counting.close();
        SelfHealth.JvmPauses ignored = ignoring.close();

        assertThat(seen.gcPauses()).isPositive();
        assertThat(seen.longestGcPauseMillis()).isLessThanOrEqualTo(seen.gcPauseMillis());
        if (monitor.seesSafepoints()) {
            assertThat(seen.safepoints()).as("a GC pause is a safepoint").isPositive();
            assertThat(seen.longestSafepointMillis()).isLessThanOrEqualTo(seen.safepointMillis());
        } else {
            assertThat(seen.safepoints()).isEqualTo(-1);
        }
        assertThat(ignored.gcPauses()).isZero();
        assertThat(ignored.safepoints()).isLessThanOrEqualTo(0);
    }

    @Test
    void concurrentCyclesAreNoPauses() {
        assertThat(JvmPauseMonitor.stopsTheWorld("G1 Young Generation")).isTrue();
        assertThat(JvmPauseMonitor.stopsTheWorld("G1 Old Generation")).isTrue();
        assertThat(JvmPauseMonitor.stopsTheWorld("ZGC Pauses")).isTrue();
        assertThat(JvmPauseMonitor.stopsTheWorld("ZGC Cycles")).isFalse();
        assertThat(JvmPauseMonitor.stopsTheWorld("Shenandoah Cycles")).isFalse();
        assertThat(JvmPauseMonitor.stopsTheWorld("G1 Concurrent GC")).isFalse();
    }
}
