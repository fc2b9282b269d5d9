package io.pushbench.core.result;

import io.pushbench.core.spec.Workload;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;

import java.util.Map;

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

    /** A result of a stack that is not a browser. */
    public TransportResult(Transport transport, ClientStack client, Workload workload, String histogramLog,
                           double measuredSeconds, double deliveredPerSecond, Connections connections,
                           Delivery delivery, Map<String, Long> errors, Map<String, LatencySummary> latency, Wire wire,
                           SelfHealth selfHealth, PerConnection perConnection) {
        this(transport, client, workload, histogramLog, measuredSeconds, deliveredPerSecond, connections, delivery,
                errors, latency, wire, selfHealth, perConnection, null);
    }

    /** This result with {@code browser} in place of {@link #browser}. */
    public TransportResult withBrowser(BrowserSide browser) {
        return new TransportResult(transport, client, workload, histogramLog, measuredSeconds, deliveredPerSecond,
                connections, delivery, errors, latency, wire, selfHealth, perConnection, browser);
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
    }

    /**
     * @param bytesRead          bytes the clients received during the measured phase and drain
     * @param bytesWritten       bytes the clients sent during the measured phase and drain
     * @param bytesPerMessage    bytes in both directions per delivered message
     * @param overheadPerMessage bytes per delivered message beyond the message size itself (for passive runs,
     *                           whose message size is not known, the same as {@code bytesPerMessage})
     */
    public record Wire(long bytesRead, long bytesWritten, double bytesPerMessage, double overheadPerMessage) {
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
}
