package io.pushbench.core.result;

/** The names of the latency metrics: keys in {@link TransportResult#latency()} and tags in histogram logs. */
public final class Metrics {

    /** Publish-to-receive, from the planned publish time: includes any delay of the publisher. */
    public static final String PUSH_CORRECTED = "push-corrected";
    /** Publish-to-receive, from the actual publish time: what a tool blind to coordinated omission shows. */
    public static final String PUSH_UNCORRECTED = "push-uncorrected";
    /** Send-to-reply for echo, from the planned send time. */
    public static final String RTT_CORRECTED = "rtt-corrected";
    /** Send-to-reply for echo, from the actual send time. */
    public static final String RTT_UNCORRECTED = "rtt-uncorrected";
    /** Start of TCP connect until the connection can receive. */
    public static final String CONNECT = "connect";
    /** How late the sender went against its plan. */
    public static final String SCHEDULE_LAG = "schedule-lag";
    /** From losing a connection to receiving on it again, per reconnect. */
    public static final String RECONNECT_DOWNTIME = "reconnect-downtime";
    /** A driver's heartbeat round trip: WebSocket ping to pong. */
    public static final String HEARTBEAT_RTT = "heartbeat-rtt";
    /**
     * How late a task scheduled on the client's I/O event loops ran, in the measured phase: how long a
     * message that arrived could have waited to be read. Only for stacks whose event loops can be reached.
     */
    public static final String IO_LAG = "io-lag";
    /**
     * The overshoot of a probe thread's 1 ms sleeps in the measured phase (as jHiccup records it): timer
     * slack, and the platform stalls of {@link SelfHealth.PlatformStalls}. Files written before it existed
     * hold the same probe under {@code jvm-pause}, over the whole run.
     */
    public static final String HICCUP = "hiccup";
    /** For passive runs: from the start of a connection's connect to its first message. */
    public static final String FIRST_MESSAGE = "first-message";
    /** For passive runs: the gap between consecutive messages on one connection. */
    public static final String INTER_ARRIVAL = "inter-arrival";
    /** For broadcast: per message, from its first to its last subscriber's receipt. */
    public static final String FAN_OUT_SPREAD = "fan-out-spread";

    private Metrics() {
    }
}
