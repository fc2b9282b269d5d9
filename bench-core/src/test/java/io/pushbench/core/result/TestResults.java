package io.pushbench.core.result;

import io.pushbench.core.spec.Workload;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;

import java.util.List;
import java.util.Map;

/** Small {@link TransportResult}s with known figures, for tests of what is computed from them. */
public final class TestResults {

    private TestResults() {
    }

    /** A latency summary of 1000 values with the given median and 99th percentile, microseconds. */
    public static LatencySummary latency(double p50, double p99) {
        return new LatencySummary(1000, p50, p50, p99, p99, p99, p50);
    }

    /** A WebSocket result of {@code workload} with one latency metric; {@code saturated} marks the generator. */
    public static TransportResult result(Workload workload, String metric, LatencySummary summary, boolean saturated) {
        return TransportResult.builder().transport(Transport.WEBSOCKET).client(ClientStack.NETTY).workload(workload)
                .histogramLog("step-01.hlog").measuredSeconds(1).deliveredPerSecond(1000)
                .connections(TransportResult.Connections.allOpened(10))
                .delivery(TransportResult.Delivery.complete(1000, 1000))
                .latency(Map.of(metric, summary))
                .selfHealth(SelfHealth.builder().reasons(saturated
                        ? List.of("fell behind its plan: schedule lag p99 12.0 ms > 5 ms, sends went out late")
                        : List.of()).build())
                .build();
    }
}
