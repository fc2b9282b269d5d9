package io.pushbench.core.engine;

import io.pushbench.core.spec.LoadModel;

/**
 * When each message of an open-model run is due: {@link #offsetNanos(long)} is the planned send
 * time of message {@code i}, in nanoseconds after the start of the run. The plan is fixed before
 * the run starts and does not depend on how the sends go.
 *
 * <p>The warm-up phase runs at the model's starting rate; the measured phase follows the model.
 * Thread-safe: immutable.
 */
public final class SendPlan {

    private final long warmupNanos;
    private final long measuredNanos;
    private final double startRate;
    private final double endRate;
    private final long warmupCount;

    /**
     * @param model         an open model
     * @param warmupNanos   length of the unrecorded warm-up phase, {@code >= 0}
     * @param measuredNanos length of the measured phase, {@code > 0}
     */
    public SendPlan(LoadModel model, long warmupNanos, long measuredNanos) {
        if (model instanceof LoadModel.ConstantRate constant) {
            this.startRate = constant.perSecond();
            this.endRate = constant.perSecond();
        } else if (model instanceof LoadModel.RampRate ramp) {
            this.startRate = ramp.fromPerSecond();
            this.endRate = ramp.toPerSecond();
        } else {
            throw new IllegalArgumentException("a send plan needs an open load model, not " + model);
        }
        this.warmupNanos = warmupNanos;
        this.measuredNanos = measuredNanos;
        this.warmupCount = (long) Math.ceil(warmupNanos * startRate / 1e9);
    }

    /** Planned send time of message {@code i} ({@code >= 0}), nanoseconds from the start of the run. */
    public long offsetNanos(long i) {
        if (startRate == endRate || i < warmupCount) {
            // Rounded, not truncated: i * 1e9 / rate is often a hair below the whole nanosecond it means.
            return Math.round(i * 1e9 / startRate);
        }
        // count(t) = r0 t + (r1 - r0) t^2 / (2T); solve count(t) = k for t.
        double k = i - warmupCount;
        double seconds = measuredNanos / 1e9;
        double a = (endRate - startRate) / (2 * seconds);
        double t = (-startRate + Math.sqrt(startRate * startRate + 4 * a * k)) / (2 * a);
        return warmupNanos + Math.round(t * 1e9);
    }

    /** Index of the first message of the measured phase. */
    public long firstMeasured() {
        return warmupCount;
    }

    /** Index one past the last message planned before the end of the measured phase. */
    public long endExclusive() {
        long end = warmupNanos + measuredNanos;
        long lo = warmupCount;
        long hi = warmupCount + (long) Math.ceil(Math.max(startRate, endRate) * measuredNanos / 1e9) + 2;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (offsetNanos(mid) < end) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Length of the warm-up plus the measured phase, nanoseconds. */
    public long totalNanos() {
        return warmupNanos + measuredNanos;
    }

    /** Length of the warm-up phase, nanoseconds. */
    public long warmupNanos() {
        return warmupNanos;
    }
}
