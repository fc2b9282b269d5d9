package io.pushbench.core.result;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generator floor of a run: what a bare Netty client, with no schedule machinery and no
 * recording, spends in CPU per round trip (a WebSocket echo client) or per delivered message (an
 * SSE reader) against the same server as the transports, at the same rate, message size and
 * connection count. pushbench's own generator CPU per message, divided by this floor's, is the
 * generator's cost as a multiple of the least a client can pay: a multiple near 1 means the
 * generator adds little to what talking to the server costs at all; a large one means the
 * generator, not the server, may be what a run measures.
 *
 * <p>Measured for a short, fixed time (see {@code GeneratorFloorRun}), so its figures carry the
 * noise of a few seconds; read the multiple to one decimal, not more.
 *
 * @param client                    {@value #WEBSOCKET_ECHO} (echo workloads) or {@value #SSE_READER} (broadcast)
 * @param connections               connections the bare client opened
 * @param rate                      messages per second it was asked for: round trips over all connections (echo)
 *                                  or messages published (broadcast, each delivered to every connection)
 * @param messageSize               bytes per message
 * @param measuredSeconds           length of its measured phase, seconds
 * @param sent                      frames sent (echo) or messages published (broadcast) in the measured phase
 * @param received                  replies (echo) or events delivered, summed over connections (broadcast), in
 *                                  the measured phase: what the CPU figures are per
 * @param clientCpuMillis           CPU time of the client side in the measured phase, ms: the whole process less
 *                                  the in-process server's threads, or the whole process when the server runs
 *                                  elsewhere (as for pushbench's own generator CPU), and less the JIT compiler's
 *                                  threads ({@code compilerCpuMillis})
 * @param serverCpuMillis           the in-process server's threads' CPU time in the measured phase, ms; -1 when
 *                                  the server runs in another process
 * @param compilerCpuMillis         the JIT compiler threads' CPU time in the measured phase, ms, left out of
 *                                  {@code clientCpuMillis}; -1 where the platform does not say (then it is in it)
 * @param cpuMicrosPerMessage       {@code clientCpuMillis} per received message, µs: the floor
 * @param serverCpuMicrosPerMessage {@code serverCpuMillis} per received message, µs; -1 when unknown
 * @param problems                  why the floor may be off, one sentence each (the client fell behind its rate,
 *                                  the server answered fewer messages than it was sent); empty when none
 * @param multiples                 pushbench's generator CPU per message divided by {@code cpuMicrosPerMessage},
 *                                  by transport label (e.g. {@code websocket}, {@code sse-http1/okhttp}); a
 *                                  transport that delivered nothing has no entry
 */
public record GeneratorFloorResult(
        String client,
        int connections,
        double rate,
        int messageSize,
        double measuredSeconds,
        long sent,
        long received,
        double clientCpuMillis,
        double serverCpuMillis,
        double compilerCpuMillis,
        double cpuMicrosPerMessage,
        double serverCpuMicrosPerMessage,
        List<String> problems,
        Map<String, Double> multiples) {

    /** The bare WebSocket echo client: the floor of an echo run. */
    public static final String WEBSOCKET_ECHO = "websocket-echo";
    /** The bare SSE reader (with a publisher at the run's rate): the floor of a broadcast run. */
    public static final String SSE_READER = "sse-reader";

    public GeneratorFloorResult {
        problems = problems == null ? List.of() : List.copyOf(problems);
        multiples = multiples == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(multiples));
    }

    /** What the floor's client is, for people: e.g. {@code bare WebSocket echo client}. */
    @JsonIgnore
    public String description() {
        return WEBSOCKET_ECHO.equals(client) ? "bare WebSocket echo client" : "bare SSE reader";
    }

    /** What its CPU is per: {@code round trip} or {@code delivered message}. */
    @JsonIgnore
    public String perWhat() {
        return WEBSOCKET_ECHO.equals(client) ? "round trip" : "delivered message";
    }

    /**
     * pushbench's generator CPU per message in {@code result} divided by this floor's, or -1 when
     * either is unknown (nothing delivered, no floor measured).
     */
    public double multipleOf(TransportResult result) {
        SelfHealth health = result.selfHealth();
        if (health == null || result.delivery() == null || result.delivery().received() == 0
                || cpuMicrosPerMessage <= 0) {
            return -1;
        }
        return Math.round(health.generatorCpuMicrosPerMessage() / cpuMicrosPerMessage * 100) / 100.0;
    }

    /** This floor with {@link #multiples} of {@code results}' generator CPU, by label. */
    public GeneratorFloorResult withMultiples(List<TransportResult> results) {
        Map<String, Double> byLabel = new LinkedHashMap<>();
        for (TransportResult r : results) {
            double multiple = multipleOf(r);
            if (multiple >= 0) {
                byLabel.put(r.label(), multiple);
            }
        }
        return new GeneratorFloorResult(client, connections, rate, messageSize, measuredSeconds, sent, received,
                clientCpuMillis, serverCpuMillis, compilerCpuMillis, cpuMicrosPerMessage, serverCpuMicrosPerMessage,
                problems, byLabel);
    }
}
