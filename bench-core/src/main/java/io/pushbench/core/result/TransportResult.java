package io.pushbench.core.result;

import io.pushbench.core.engine.Workload;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;

import java.util.Map;

/**
 * The figures of one transport with one client stack.
 *
 * @param transport          the transport
 * @param client             the client stack that measured it
 * @param workload           broadcast or echo
 * @param histogramLog       file name, in the result directory, of the histogram log (nanoseconds, tagged by metric)
 * @param measuredSeconds    length of the measured phase, seconds
 * @param deliveredPerSecond distinct messages received in the measured phase, summed over receivers, per second
 * @param connections        connections requested, opened, failed
 * @param delivery           sent, received, lost, duplicated, out of order
 * @param errors             errors by kind ({@code connect-failed}, {@code http-status}, ...), only kinds seen
 * @param latency            summaries by metric: {@value Metrics#PUSH_CORRECTED}, {@value Metrics#PUSH_UNCORRECTED},
 *                           {@value Metrics#RTT_CORRECTED}, {@value Metrics#RTT_UNCORRECTED}, {@value Metrics#CONNECT},
 *                           {@value Metrics#SCHEDULE_LAG}, {@value Metrics#JVM_PAUSE}, {@value Metrics#FAN_OUT_SPREAD};
 *                           microseconds
 * @param wire               bytes on the wire at the client's sockets
 * @param selfHealth         how the generator fared: schedule lag, pauses, CPU; whether the run was saturated
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
        SelfHealth selfHealth) {

    public TransportResult {
        errors = Map.copyOf(errors);
        latency = Map.copyOf(latency);
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
     * @param reconnects     connections lost and reopened during the run (downtime in
     *                       {@code latency.reconnect-downtime})
     */
    public record Connections(long requested, long opened, long failed, long tcpConnections, long reconnects) {
    }

    /**
     * Counted from sequence numbers, per receiver, over the messages planned in the measured phase.
     *
     * @param sent        messages sent (published, for broadcast) in the measured phase
     * @param expected    deliveries expected: sent times receivers for broadcast, sent for echo
     * @param received    distinct deliveries
     * @param lost        expected but never received
     * @param duplicated  received again
     * @param outOfOrder  received after a later message
     * @param negativeLatencies impossible latencies (receive before send), counted and not recorded
     */
    public record Delivery(long sent, long expected, long received, long lost, long duplicated, long outOfOrder,
                           long negativeLatencies) {
    }

    /**
     * @param bytesRead          bytes the clients received during the measured phase and drain
     * @param bytesWritten       bytes the clients sent during the measured phase and drain
     * @param bytesPerMessage    bytes in both directions per delivered message
     * @param overheadPerMessage bytes per delivered message beyond the message size itself
     */
    public record Wire(long bytesRead, long bytesWritten, double bytesPerMessage, double overheadPerMessage) {
    }
}
