package io.pushbench.core.testing;

import org.HdrHistogram.Histogram;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a sender stall injected into a run must leave in its latencies, whatever the load on the
 * machine: claims that follow from the stall by construction, not wall-clock thresholds.
 *
 * <p>A stall of {@code S} at a constant rate with interval {@code I} delays the {@code n = S / I}
 * messages planned during it: the {@code k}-th of them ({@code k = 0..n-1}) goes out at least
 * {@code S - k * I} after its planned time. (Of those the sender sent: a sender that is far behind
 * may reach the end of its grace period before it sent them all; the claims count only those sent.) Latency measured from the plan (corrected) exceeds
 * latency measured from the actual send (uncorrected) by exactly that delay, for every message;
 * so, however slow the machine:
 * <ul>
 *   <li>corrected is at least uncorrected at every percentile;</li>
 *   <li>the largest corrected latency is at least {@code S};</li>
 *   <li>at least {@code n / 2} messages per receiver have a corrected latency of {@code S / 2} or more;</li>
 *   <li>the corrected latencies add up to at least {@code sum(S - k * I)} per receiver more than the
 *       uncorrected ones: the stall is in the corrected figures and only there.</li>
 * </ul>
 * Load only adds delay, on both sides or to the corrected side, so none of these can fail from load;
 * each fails if the correction is lost (corrected measured from the send, or uncorrected from the plan).
 */
public final class StallEvidence {

    /** Histogram means are bucketed (3 significant digits: within 0.05%); the sum claim allows 1%. */
    private static final double BUCKETING_ALLOWANCE = 0.99;

    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 100};

    private StallEvidence() {
    }

    /**
     * @param corrected   every measured message's latency from its planned time, nanoseconds
     * @param uncorrected the same messages' latency from their actual send, nanoseconds
     * @param stall       how long the sender was held, once, inside the run
     * @param rate        the run's constant rate, messages per second
     * @param receivers   latencies recorded per message (subscribers of a broadcast; 1 for a round trip)
     * @param sentFromStall messages sent from the one the stall held up on, that one included; {@code >= 1}
     */
    public static void assertCorrectedCarriesTheStall(Histogram corrected, Histogram uncorrected, Duration stall,
            long rate, int receivers, long sentFromStall) {
        assertThat(sentFromStall).as("messages sent from the stalled one on: the stall happened").isPositive();
        long stallNanos = stall.toNanos();
        long intervalNanos = 1_000_000_000L / rate;
        long delayed = Math.min(stallNanos / intervalNanos, sentFromStall);

        assertThat(corrected.getTotalCount()).as("corrected and uncorrected count the same messages")
                .isEqualTo(uncorrected.getTotalCount());
        for (double percentile : PERCENTILES) {
            assertThat(uncorrected.getValueAtPercentile(percentile))
                    .as("uncorrected p%s <= corrected, ns", percentile)
                    .isLessThanOrEqualTo(corrected.getValueAtPercentile(percentile));
        }
        assertThat(corrected.getMaxValue()).as("corrected max: the first message due in the stall waited it all, ns")
                .isGreaterThanOrEqualTo(stallNanos);
        assertThat(HistogramLogs.countAtLeast(corrected, stallNanos / 2))
                .as("messages whose corrected latency is half the stall or more")
                .isGreaterThanOrEqualTo(receivers * (delayed / 2));

        double addedByStall = 0;
        for (long k = 0; k < delayed; k++) {
            addedByStall += stallNanos - k * intervalNanos;
        }
        double correctedSum = corrected.getMean() * corrected.getTotalCount();
        double uncorrectedSum = uncorrected.getMean() * uncorrected.getTotalCount();
        assertThat(correctedSum - uncorrectedSum).as("corrected minus uncorrected, summed over the messages, ns")
                .isGreaterThanOrEqualTo(BUCKETING_ALLOWANCE * receivers * addedByStall);
    }
}
