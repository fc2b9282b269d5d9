package io.pushbench.core.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What flows over the connections of a run. */
public enum Workload {
    /** The server publishes each message to every subscriber: one-way push latency, fan-out. */
    BROADCAST("broadcast"),
    /** Each client sends a message and the server returns it to that client: round-trip latency. */
    ECHO("echo"),
    /**
     * A chat room: every client sends on the plan (the rate spread over the clients in turn) and the
     * server broadcasts each message to every client, the sender included: upstream and downstream
     * at once, one-way latency from the planned send time. Out-of-order is judged per sender:
     * different clients' messages race each other to the server, and the order they reach it in is
     * the room's order, not a fault.
     */
    CHAT("chat"),
    /**
     * Connections held open with nothing sent: what an idle connection costs (memory, CPU, the
     * transport's heartbeats). There is no load model; the rate is not used.
     */
    IDLE("idle"),
    /**
     * The server pushes on its own schedule and pushbench only listens: message rate, gaps between
     * messages, time to the first message; latency only when the server's messages carry envelopes.
     * For {@code capacity} against a server that publishes by itself; there is no load model.
     */
    PASSIVE("passive");

    private final String id;

    Workload(String id) {
        this.id = id;
    }

    /** Whether every receiver is to get every message sent (broadcast, chat), rather than its own (echo) or none. */
    public boolean fansOut() {
        return this == BROADCAST || this == CHAT;
    }

    /** The name used in options and result files. */
    @JsonValue
    public String id() {
        return id;
    }

    /** @throws IllegalArgumentException naming the value and the valid names */
    @JsonCreator
    public static Workload fromId(String id) {
        for (Workload w : values()) {
            if (w.id.equals(id)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + id + "' (valid: "
                + Arrays.stream(values()).map(Workload::id).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return id;
    }
}
