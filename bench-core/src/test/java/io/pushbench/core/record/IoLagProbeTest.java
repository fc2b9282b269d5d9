package io.pushbench.core.record;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** A loop kept from its tasks shows as lag, with the probes it could not run filled in. */
class IoLagProbeTest {

    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void shutDown() {
        loop.shutdownNow();
    }

    @Test
    void aBlockedLoopShowsAsLagAsLongAsItWasBlocked() throws Exception {
        LatencyRecorder lag = new LatencyRecorder("io-lag");
        IoLagProbe probe = new IoLagProbe(List.of(loop), lag, due -> true);
        probe.start();
        awaitProbes(lag, h -> h.getTotalCount() >= 3);

        CountDownLatch release = new CountDownLatch(1);
        AtomicLong blocked = new AtomicLong();
        loop.execute(() -> {
            long from = System.nanoTime();
            awaitUninterruptibly(release);
            blocked.set(System.nanoTime() - from);
        });
        // Held until at least five probe periods went by on the clock, however long that takes here.
        long heldFrom = System.nanoTime();
        while (System.nanoTime() - heldFrom < TimeUnit.MILLISECONDS.toNanos(5 * IoLagProbe.PERIOD_MILLIS)) {
            Thread.onSpinWait();
        }
        release.countDown();
        long period = TimeUnit.MILLISECONDS.toNanos(IoLagProbe.PERIOD_MILLIS);
        // The probe due while the loop was held was due at most one period after the hold began.
        Histogram seen = awaitProbes(lag, h -> blocked.get() > 0 && h.getMaxValue() >= blocked.get() - period);
        probe.stop();

        assertThat(seen.getTotalCount()).as("the probes that could not run are filled in")
                .isGreaterThanOrEqualTo(blocked.get() / period - 1);
    }

    @Test
    void nothingIsRecordedOutsideTheCountedTime() throws Exception {
        LatencyRecorder counted = new LatencyRecorder("io-lag");
        LatencyRecorder ignored = new LatencyRecorder("io-lag");
        IoLagProbe counting = new IoLagProbe(List.of(loop), counted, due -> true);
        IoLagProbe ignoring = new IoLagProbe(List.of(loop), ignored, due -> false);
        ignoring.start();
        counting.start();
        awaitProbes(counted, h -> h.getTotalCount() >= 5);
        counting.stop();
        ignoring.stop();

        assertThat(ignored.intervalHistogram(null).getTotalCount()).isZero();
        assertThat(new IoLagProbe(List.of(), counted, due -> true).probes()).isFalse();
    }

    /** Waits until what was recorded (from the first call on) passes {@code done}, returning it. */
    private static Histogram awaitProbes(LatencyRecorder lag, Predicate<Histogram> done) throws InterruptedException {
        Histogram seen = LatencyRecorder.newHistogram();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!done.test(seen) && System.nanoTime() < deadline) {
            Thread.sleep(1);
            seen.add(lag.intervalHistogram(null));
        }
        assertThat(done.test(seen)).as("probes recorded: %d, longest %d ns", seen.getTotalCount(), seen.getMaxValue())
                .isTrue();
        return seen;
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
