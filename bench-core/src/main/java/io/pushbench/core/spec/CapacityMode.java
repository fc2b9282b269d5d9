package io.pushbench.core.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How a capacity run loads a server, and so which {@link Workload} each step runs. */
public enum CapacityMode {
    /** pushbench publishes envelopes through the server and subscribes: publish-to-receive latency, loss. */
    PUBSUB("pubsub", Workload.BROADCAST),
    /** Each connection's envelope comes back to it: round-trip latency. */
    ECHO("echo", Workload.ECHO),
    /** pushbench only subscribes to a server that pushes on its own: rate, gaps, time to first message. */
    PASSIVE("passive", Workload.PASSIVE);

    private final String id;
    private final Workload workload;

    CapacityMode(String id, Workload workload) {
        this.id = id;
        this.workload = workload;
    }

    /** The name used in options and result files. */
    @JsonValue
    public String id() {
        return id;
    }

    /** The workload each step of this mode runs. */
    public Workload workload() {
        return workload;
    }

    /** @throws IllegalArgumentException naming the value and the valid names */
    @JsonCreator
    public static CapacityMode fromId(String id) {
        for (CapacityMode m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + id + "' (valid: "
                + Arrays.stream(values()).map(CapacityMode::id).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return id;
    }
}
