package io.pushbench.core.gate;

import io.pushbench.core.spec.Ramp;
import io.pushbench.core.spec.Slo;

/**
 * One threshold of {@code --assert}: an objective, for every transport of a run or, with a
 * transport prefix ({@code websocket:p99<5ms}), for one. Immutable.
 */
public sealed interface Threshold permits Threshold.OnFigure, Threshold.OnCapacity {

    /**
     * The transport it is for: a transport's name ({@code websocket}: every client stack of it) or a label
     * ({@code websocket/okhttp}: that stack only); {@code null} for every transport of the run.
     */
    String scope();

    /** The threshold without its scope, e.g. {@code p99<5ms}: the name of its check. */
    String objectiveText();

    /** As written, e.g. {@code websocket:p99<5ms}. */
    default String text() {
        return (scope() == null ? "" : scope() + ":") + objectiveText();
    }

    /** Whether it is for the transport labelled {@code label} (e.g. {@code websocket/okhttp}). */
    default boolean appliesTo(String label) {
        if (scope() == null || scope().equals(label)) {
            return true;
        }
        int slash = label.indexOf('/');
        return slash < 0 ? false : scope().equals(label.substring(0, slash));
    }

    /**
     * A limit on a figure of what was measured, in the objective language of {@code --slo}: see
     * {@link Slo} for the objectives and their units.
     *
     * @param scope     as {@link Threshold#scope()}
     * @param objective the limit
     */
    record OnFigure(String scope, Slo.Objective objective) implements Threshold {
        @Override
        public String objectiveText() {
            return objective.text();
        }
    }

    /**
     * A floor under the capacity a staircase found ({@code capacity>=500}): in connections or messages per second,
     * whichever the staircase raised.
     *
     * @param scope     as {@link Threshold#scope()}
     * @param minimum   the capacity wanted
     * @param inclusive {@code >=} rather than {@code >}
     */
    record OnCapacity(String scope, double minimum, boolean inclusive) implements Threshold {
        @Override
        public String objectiveText() {
            return "capacity" + (inclusive ? ">=" : ">") + Ramp.format(minimum);
        }

        /** Whether {@code capacity} meets it. */
        boolean allows(double capacity) {
            return inclusive ? capacity >= minimum : capacity > minimum;
        }
    }
}
