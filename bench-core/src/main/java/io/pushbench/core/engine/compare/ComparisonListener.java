package io.pushbench.core.engine.compare;

import io.pushbench.core.engine.CapacityRun;
import io.pushbench.core.record.IntervalLog;
import io.pushbench.core.spec.CapacitySpec;
import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;

/**
 * What a comparison tells while it runs, for the caller to show: every method does nothing by
 * default, which is a quiet run. Calls come from the comparison's thread, except the interval and
 * step listeners', which come from the histogram log's.
 */
public interface ComparisonListener {

    /** Tells nothing. */
    ComparisonListener QUIET = new ComparisonListener() {
    };

    /** The floor is about to be measured for {@code spec}. */
    default void floorStarting(RunSpec spec) {
    }

    /** The floor was not measured, and why. */
    default void floorSkipped(String why) {
    }

    /** {@code transport} with {@code client} is about to run. */
    default void transportStarting(Transport transport, ClientStack client, RunSpec spec) {
    }

    /** Sees each logged interval of {@code transport}'s run; null for none. */
    default IntervalLog.IntervalListener intervals(Transport transport) {
        return null;
    }

    /** The generator floor is about to be measured for {@code spec}. */
    default void generatorFloorStarting(RunSpec spec) {
    }

    /** The generator floor was not measured, and why. */
    default void generatorFloorSkipped(String why) {
    }

    /** A staircase is about to climb through {@code spec}'s transport and client stack. */
    default void staircaseStarting(CapacitySpec spec) {
    }

    /** Sees the steps of the staircase that starts now (after {@link #staircaseStarting}); null for none. */
    default CapacityRun.Listener steps() {
        return null;
    }
}
