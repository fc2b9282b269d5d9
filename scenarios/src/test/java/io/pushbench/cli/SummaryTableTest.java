package io.pushbench.cli;

import io.pushbench.core.spec.Workload;
import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.SelfHealth;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The summary shows what the generator saw, each apart, and says why a run is saturated and what else it saw. */
class SummaryTableTest {

    @Test
    void showsEachFigureApartWithTheReasonsAndTheWarnings() {
        SelfHealth saturated = SelfHealth.builder().cpuUtilisation(0.95)
                .jvmPauses(new SelfHealth.JvmPauses(3, 12, 6, 40, 14.5, 6.2))
                .platformStalls(new SelfHealth.PlatformStalls(95, 1095, 7, 11.2, 3.1, 10_200, 480))
                .reasons(List.of("fell behind its plan: schedule lag p99 12.0 ms > 5.5 ms (an idle thread's p99 0.5 ms "
                        + "+ 5 ms), sends went out late"))
                .warnings(List.of("CPU: the process used 95% of all CPUs > 90%"))
                .build();
        SelfHealth healthy = SelfHealth.builder().cpuUtilisation(0.2)
                .jvmPauses(new SelfHealth.JvmPauses(0, 0, 0, 5, 0.4, 0.1))
                .platformStalls(new SelfHealth.PlatformStalls(95, 1095, 0, 0, 0, 10_200, 120))
                .build();

        String out = print(List.of(result(Transport.WEBSOCKET, saturated), result(Transport.SSE_HTTP1, healthy)));

        assertThat(out).contains("generator health", "lag p99", "I/O p99", "idle p99", "JVM paused/max",
                "GC pauses/ms", "stalls n/ms/max");
        assertThat(line(out, "websocket ")).contains("SATURATED", "12.000", "0.480", "14.5/6.2", "3/12.0", "7/11.2/3.1",
                "95");
        assertThat(line(out, "sse-http1 ")).contains(" ok ", "0.120", "0.4/0.1", "0/0.0", "0/0.0/0.0");
        assertThat(out).contains("!!! websocket: SATURATED RUN", "!!!   fell behind its plan: schedule lag p99 12.0 ms",
                "note: websocket: seen while measuring", "note:   CPU: the process used 95% of all CPUs > 90%");
        assertThat(out).doesNotContain("!!! sse-http1", "note: sse-http1");
    }

    @Test
    void figuresAResultDoesNotHoldAreDashes() {
        SelfHealth old = new SelfHealth(0, 0, 100, -1, 100, 10, -1, 0.1, false, List.of(), null, null, null, 0, -1, 0);

        String out = print(List.of(result(Transport.WEBSOCKET, old)));

        assertThat(line(out, "websocket ")).contains(" ok ").containsPattern(" - +- +- +- ");
    }

    private static String print(List<TransportResult> results) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            SummaryTable.print(out, results, null, null);
        }
        return text.toString();
    }

    /** The health table's row of a transport: the last line starting with its label. */
    private static String line(String out, String label) {
        List<String> lines = out.lines().filter(l -> l.startsWith(label)).toList();
        return lines.get(lines.size() - 1);
    }

    private static TransportResult result(Transport transport, SelfHealth health) {
        LatencySummary latency = new LatencySummary(1000, 500, 800, 900, 950, 1000, 520);
        LatencySummary lag = new LatencySummary(1000, 20, 40, transport == Transport.WEBSOCKET ? 12_000 : 50, 60, 70, 25);
        return TransportResult.builder().transport(transport).client(ClientStack.NETTY).workload(Workload.BROADCAST)
                .histogramLog("x.hlog").measuredSeconds(1).deliveredPerSecond(1000)
                .connections(TransportResult.Connections.allOpened(10))
                .delivery(TransportResult.Delivery.complete(100, 1000))
                .latency(Map.of(Metrics.PUSH_CORRECTED, latency, Metrics.CONNECT, latency, Metrics.SCHEDULE_LAG, lag))
                .selfHealth(health)
                .build();
    }
}
