package io.pushbench.core.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Duration;

/**
 * How load is offered: open models send on a schedule whatever the server does; the closed
 * model sends the next message only after the previous reply (and think time).
 *
 * <p>Open models are the default and the ones whose latency is trustworthy under stress: a
 * stalled server shows up as latency (measured from the planned send time), not as fewer
 * samples. The closed model is offered for the workloads users know from request/response
 * tools, and its latency is measured from the actual send.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "model")
@JsonSubTypes({
        @JsonSubTypes.Type(value = LoadModel.ConstantRate.class, name = "constant-rate"),
        @JsonSubTypes.Type(value = LoadModel.RampRate.class, name = "ramp-rate"),
        @JsonSubTypes.Type(value = LoadModel.Closed.class, name = "closed")
})
public sealed interface LoadModel permits LoadModel.ConstantRate, LoadModel.RampRate, LoadModel.Closed {

    /** Whether sends follow a schedule (open) rather than replies (closed). */
    @JsonIgnore
    default boolean isOpen() {
        return !(this instanceof Closed);
    }

    /**
     * A fixed arrival rate.
     *
     * @param perSecond messages per second, {@code > 0} and at most 10,000,000
     */
    record ConstantRate(double perSecond) implements LoadModel {
        public ConstantRate {
            Validation.rate("rate", perSecond);
        }
    }

    /**
     * An arrival rate that rises (or falls) linearly from {@code fromPerSecond} to
     * {@code toPerSecond} over the measured phase; the warm-up runs at {@code fromPerSecond}.
     */
    record RampRate(double fromPerSecond, double toPerSecond) implements LoadModel {
        public RampRate {
            Validation.rate("rate (ramp start)", fromPerSecond);
            Validation.rate("rate (ramp end)", toPerSecond);
        }
    }

    /**
     * Each connection sends, waits for the reply, waits {@code thinkTime}, and sends again.
     *
     * @param thinkTime pause after a reply before the next send, {@code >= 0}
     */
    record Closed(Duration thinkTime) implements LoadModel {
        public Closed {
            if (thinkTime == null || thinkTime.isNegative()) {
                throw new IllegalArgumentException("think-time must be >= 0, was " + thinkTime);
            }
        }
    }
}
