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
    /** Stalls of the generator's JVM seen by a probe thread (GC, descheduling). */
    public static final String JVM_PAUSE = "jvm-pause";
    /** For broadcast: per message, from its first to its last subscriber's receipt. */
    public static final String FAN_OUT_SPREAD = "fan-out-spread";

    private Metrics() {
    }
}
