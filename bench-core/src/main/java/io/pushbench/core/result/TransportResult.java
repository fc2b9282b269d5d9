package io.pushbench.core.result;

import io.pushbench.core.spec.Workload;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;

import java.util.Map;
import java.util.Objects;

/**
 * The figures of one transport with one client stack.
 *
 * @param transport          the transport
 * @param client             the client stack that measured it
 * @param workload           broadcast, echo, chat, passive or idle
 * @param histogramLog       file name, in the result directory, of the histogram log (nanoseconds, tagged by metric)
 * @param measuredSeconds    length of the measured phase, seconds
 * @param deliveredPerSecond distinct messages received in the measured phase, summed over receivers, per second
 * @param connections        connections requested, opened, failed
 * @param delivery           sent, received, lost, duplicated, out of order
 * @param errors             errors by kind ({@code connect-failed}, {@code closed-by-server}, ...), only kinds
 *                           seen; HTTP status errors are counted per status where it is known
 *                           ({@code http-status:503}), under {@code http-status} where not
 * @param latency            summaries by metric: {@value Metrics#PUSH_CORRECTED}, {@value Metrics#PUSH_UNCORRECTED},
 *                           {@value Metrics#RTT_CORRECTED}, {@value Metrics#RTT_UNCORRECTED}, {@value Metrics#CONNECT},
 *                           {@value Metrics#SCHEDULE_LAG}, {@value Metrics#IO_LAG}, {@value Metrics#HICCUP},
 *                           {@value Metrics#FAN_OUT_SPREAD};
 *                           microseconds
 * @param wire               bytes on the wire at the client's sockets
 * @param selfHealth         how the generator fared: unsent, JVM pauses, platform stalls, CPU; whether the run was
 *                           saturated and why
 * @param perConnection      what each connection cost: memory, CPU and wire bytes; null in result files written
 *                           before it was measured
 * @param browser            what the browser stack measured inside its pages (clock error bound, subscriptions
 *                           held back, cost on the page); null for the other stacks
 */
public record TransportResult(
        Transport transport,
        ClientStack client,
        Workload workload,
        String histogramLog,
        double measuredSeconds,
        double deliveredPerSecond,
        Connections connections,
        Delivery delivery,
        Map<String, Long> errors,
        Map<String, LatencySummary> latency,
        Wire wire,
        SelfHealth selfHealth,
        PerConnection perConnection,
        BrowserSide browser) {

    public TransportResult {
        errors = Map.copyOf(errors);
        latency = Map.copyOf(latency);
    }

    /** A builder with nothing set: every field but {@code perConnection} must be. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this result's fields, to change some of them. */
    public Builder toBuilder() {
        return new Builder().transport(transport).client(client).workload(workload).histogramLog(histogramLog)
                .measuredSeconds(measuredSeconds).deliveredPerSecond(deliveredPerSecond).connections(connections)
                .delivery(delivery).errors(errors).latency(latency).wire(wire).selfHealth(selfHealth)
                .perConnection(perConnection).browser(browser);
    }

    /** A label such as {@code websocket} or {@code websocket/okhttp}: the stack is named when it is not Netty. */
    public String label() {
        return client == ClientStack.NETTY ? transport.id() : transport.id() + "/" + client.id();
    }

    /**
     * @param requested      connections (streams, for HTTP/2) the run asked for
     * @param opened         of those, how many opened
     * @param failed         attempts that failed
     * @param tcpConnections TCP connections the client opened (fewer than streams for HTTP/2)
     * @param reconnects     connections lost and reopened during the run (each one's downtime in
     *                       {@code latency.reconnect-downtime})
     * @param downtimeSeconds the reconnections' downtime added up over every connection, seconds: ten
     *                       connections down for 2 s make 20 (0 in files written before it existed)
     */
    public record Connections(long requested, long opened, long failed, long tcpConnections, long reconnects,
                              double downtimeSeconds) {

        /** A builder with every count at zero. */
        public static Builder builder() {
            return new Builder();
        }

        /** {@code n} connections requested and opened, one TCP connection each, none failed or lost. */
        public static Connections allOpened(long n) {
            return builder().requested(n).opened(n).tcpConnections(n).build();
        }

        /** Sets up {@link Connections} by name; unset counts are zero. */
        public static final class Builder {
            private long requested;
            private long opened;
            private long failed;
            private long tcpConnections;
            private long reconnects;
            private double downtimeSeconds;

            private Builder() {
            }

            public Builder requested(long requested) {
                this.requested = requested;
                return this;
            }

            public Builder opened(long opened) {
                this.opened = opened;
                return this;
            }

            public Builder failed(long failed) {
                this.failed = failed;
                return this;
            }

            public Builder tcpConnections(long tcpConnections) {
                this.tcpConnections = tcpConnections;
                return this;
            }

            public Builder reconnects(long reconnects) {
                this.reconnects = reconnects;
                return this;
            }

            public Builder downtimeSeconds(double downtimeSeconds) {
                this.downtimeSeconds = downtimeSeconds;
                return this;
            }

            public Connections build() {
                return new Connections(requested, opened, failed, tcpConnections, reconnects, downtimeSeconds);
            }
        }
    }

    /**
     * Counted from sequence numbers, per receiver, over the messages planned in the measured phase.
     *
     * @param sent        messages sent (published, for broadcast) in the measured phase; 0 for passive
     * @param expected    deliveries expected: sent times receivers for broadcast, sent for echo, received plus
     *                    lost for passive
     * @param received    distinct deliveries
     * @param lost        expected but never received (passive: gaps in the server's sequence numbers, when its
     *                    messages carry envelopes)
     * @param duplicated  received again
     * @param outOfOrder  received after a later message
     * @param negativeLatencies impossible latencies (receive before send), counted and not recorded
     * @param lostInGaps  of {@code lost}, those in the gap a reconnection left in a receiver's sequence numbers
     *                    (after the last message before the loss, before the first after it): what outages
     *                    cost. -1 for echo, whose receivers each see only some sequence numbers (0 in files
     *                    written before it existed)
     */
    public record Delivery(long sent, long expected, long received, long lost, long duplicated, long outOfOrder,
                           long negativeLatencies, long lostInGaps) {

        /** A builder with every count at zero. */
        public static Builder builder() {
            return new Builder();
        }

        /** {@code sent} messages, {@code expected} deliveries, every one received once and in order. */
        public static Delivery complete(long sent, long expected) {
            return builder().sent(sent).expected(expected).received(expected).build();
        }

        /** Sets up a {@link Delivery} by name; unset counts are zero. */
        public static final class Builder {
            private long sent;
            private long expected;
            private long received;
            private long lost;
            private long duplicated;
            private long outOfOrder;
            private long negativeLatencies;
            private long lostInGaps;

            private Builder() {
            }

            public Builder sent(long sent) {
                this.sent = sent;
                return this;
            }

            public Builder expected(long expected) {
                this.expected = expected;
                return this;
            }

            public Builder received(long received) {
                this.received = received;
                return this;
            }

            public Builder lost(long lost) {
                this.lost = lost;
                return this;
            }

            public Builder duplicated(long duplicated) {
                this.duplicated = duplicated;
                return this;
            }

            public Builder outOfOrder(long outOfOrder) {
                this.outOfOrder = outOfOrder;
                return this;
            }

            public Builder negativeLatencies(long negativeLatencies) {
                this.negativeLatencies = negativeLatencies;
                return this;
            }

            /** Of the lost, those in a reconnection's gap; -1 when it cannot be told (echo). */
            public Builder lostInGaps(long lostInGaps) {
                this.lostInGaps = lostInGaps;
                return this;
            }

            public Delivery build() {
                return new Delivery(sent, expected, received, lost, duplicated, outOfOrder, negativeLatencies,
                        lostInGaps);
            }
        }
    }

    /**
     * @param bytesRead          bytes the clients received during the measured phase and drain
     * @param bytesWritten       bytes the clients sent during the measured phase and drain
     * @param bytesPerMessage    bytes in both directions per delivered message
     * @param overheadPerMessage bytes per delivered message beyond the message size itself (for passive runs,
     *                           whose message size is not known, the same as {@code bytesPerMessage})
     */
    public record Wire(long bytesRead, long bytesWritten, double bytesPerMessage, double overheadPerMessage) {

        /** No bytes counted. */
        public static final Wire NONE = new Wire(0, 0, 0, 0);
    }

    /**
     * The cost of one connection, over the connections opened. The server runs in the generator's
     * process when it is the embedded reference server, so the memory figures cover both ends of
     * each connection (client and server), and the CPU is split by thread names.
     *
     * @param heapBytes          heap growth from before the first connection opened to after the last, per
     *                           connection, bytes; an upper bound (garbage included), negative if a collection
     *                           ran in between
     * @param rssBytes           the same for the process's resident set size (negative when it shrank); exactly -1
     *                           where unknown
     * @param serverCpuMicros    the in-process server's CPU time over the measured phase, per connection,
     *                           microseconds; -1 when the server is not in-process
     * @param generatorCpuMicros the generator's CPU time over the measured phase, per connection, microseconds
     * @param wireBytes          bytes on the wire both ways during the measured phase and drain, per connection
     *                           (for an idle run: the heartbeats and re-polls)
     */
    public record PerConnection(double heapBytes, double rssBytes, double serverCpuMicros, double generatorCpuMicros,
                                double wireBytes) {
    }

    /** Sets up a {@link TransportResult} by name. */
    public static final class Builder {
        private Transport transport;
        private ClientStack client;
        private Workload workload;
        private String histogramLog;
        private double measuredSeconds;
        private double deliveredPerSecond;
        private Connections connections;
        private Delivery delivery;
        private Map<String, Long> errors = Map.of();
        private Map<String, LatencySummary> latency = Map.of();
        private Wire wire = Wire.NONE;
        private SelfHealth selfHealth;
        private PerConnection perConnection;
        private BrowserSide browser;

        private Builder() {
        }

        public Builder transport(Transport transport) {
            this.transport = transport;
            return this;
        }

        public Builder client(ClientStack client) {
            this.client = client;
            return this;
        }

        public Builder workload(Workload workload) {
            this.workload = workload;
            return this;
        }

        public Builder histogramLog(String histogramLog) {
            this.histogramLog = histogramLog;
            return this;
        }

        public Builder measuredSeconds(double measuredSeconds) {
            this.measuredSeconds = measuredSeconds;
            return this;
        }

        public Builder deliveredPerSecond(double deliveredPerSecond) {
            this.deliveredPerSecond = deliveredPerSecond;
            return this;
        }

        public Builder connections(Connections connections) {
            this.connections = connections;
            return this;
        }

        public Builder delivery(Delivery delivery) {
            this.delivery = delivery;
            return this;
        }

        /** Errors by kind. Default: none. */
        public Builder errors(Map<String, Long> errors) {
            this.errors = errors;
            return this;
        }

        /** Latency summaries by metric. Default: none. */
        public Builder latency(Map<String, LatencySummary> latency) {
            this.latency = latency;
            return this;
        }

        /** Default: {@link Wire#NONE}. */
        public Builder wire(Wire wire) {
            this.wire = wire;
            return this;
        }

        public Builder selfHealth(SelfHealth selfHealth) {
            this.selfHealth = selfHealth;
            return this;
        }

        /** Default: null, not measured. */
        public Builder perConnection(PerConnection perConnection) {
            this.perConnection = perConnection;
            return this;
        }

        /** What the browser stack measured inside its pages. Default: null, for every other stack. */
        public Builder browser(BrowserSide browser) {
            this.browser = browser;
            return this;
        }

        /** @throws NullPointerException naming a required field that was not set */
        public TransportResult build() {
            return new TransportResult(Objects.requireNonNull(transport, "transport"),
                    Objects.requireNonNull(client, "client"), Objects.requireNonNull(workload, "workload"),
                    Objects.requireNonNull(histogramLog, "histogramLog"), measuredSeconds, deliveredPerSecond,
                    Objects.requireNonNull(connections, "connections"), Objects.requireNonNull(delivery, "delivery"),
                    errors, latency, wire, Objects.requireNonNull(selfHealth, "selfHealth"), perConnection, browser);
        }
    }
}
