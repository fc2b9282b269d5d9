package io.pushbench.core.driver.browser;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The page clock estimate keeps the sample with the shortest round trip, and half that round trip bounds it. */
class PageClockTest {

    @Test
    void theShortestRoundTripWinsAndBoundsTheError() {
        PageClock clock = new PageClock();
        assertThat(clock.hasEstimate()).isFalse();
        // The page's clock runs 1 s (1e9 ns) ahead of ours. A slow sample: answered 5 ms after sending, read early.
        clock.sample(10_000_000, (10_000_000 + 1_000_000 + 1e9) / 1e6, 15_000_000);
        // A quick one: 200 us round trip, read half way.
        clock.sample(20_000_000, (20_100_000 + 1e9) / 1e6, 20_200_000);
        // A slower one after it does not replace it.
        clock.sample(30_000_000, (30_000_000 + 1e9) / 1e6, 33_000_000);
        assertThat(clock.errorBoundNanos()).isEqualTo(100_000);
        assertThat(clock.offsetNanos()).isEqualTo(1_000_000_000L);
        assertThat(clock.toNanoTime((50_000_000 + 1e9) / 1e6)).isEqualTo(50_000_000L);
    }
}
