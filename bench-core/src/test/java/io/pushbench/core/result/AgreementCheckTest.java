package io.pushbench.core.result;

import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.spec.Workload;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The agreement between client stacks, on literal figures (microseconds). */
class AgreementCheckTest {

    @Test
    void ratiosAreEachStacksPercentilesOverNettys() {
        List<Agreement> agreement = AgreementCheck.of(List.of(
                result(Transport.WEBSOCKET, ClientStack.NETTY, 2_000, 10_000),
                result(Transport.WEBSOCKET, ClientStack.JETTY, 3_000, 15_000),
                result(Transport.WEBSOCKET, ClientStack.OKHTTP, 1_000, 40_000)));

        assertThat(agreement).hasSize(2);
        Agreement jetty = agreement.get(0);
        assertThat(jetty.client()).isEqualTo(ClientStack.JETTY);
        assertThat(jetty.reference()).isEqualTo(ClientStack.NETTY);
        assertThat(jetty.metric()).isEqualTo(Metrics.PUSH_CORRECTED);
        assertThat(jetty.p50Ratio()).isEqualTo(1.5);
        assertThat(jetty.p99Ratio()).isEqualTo(1.5);
        assertThat(jetty.agrees()).isTrue();
        assertThat(jetty.note()).isEmpty();
        Agreement okhttp = agreement.get(1);
        assertThat(okhttp.p50Ratio()).isEqualTo(0.5);
        assertThat(okhttp.p99Ratio()).isEqualTo(4.0);
        assertThat(okhttp.agrees()).isFalse();
        assertThat(okhttp.note()).startsWith("p99 outside");
    }

    @Test
    void theRatioBoundsAgreeAndJustBeyondThemDoesNot() {
        assertThat(AgreementCheck.agrees(20_000, 10_000)).as("x2.0").isTrue();
        assertThat(AgreementCheck.agrees(20_001, 10_000)).as("x2.0001").isFalse();
        assertThat(AgreementCheck.agrees(5_000, 10_000)).as("x0.5").isTrue();
        assertThat(AgreementCheck.agrees(4_999, 10_000)).as("x0.4999").isFalse();
    }

    @Test
    void subMillisecondFiguresAgreeWhenLessThanOneMillisecondApart() {
        assertThat(AgreementCheck.agrees(300, 80)).as("x3.75 but 220 us apart").isTrue();
        assertThat(AgreementCheck.agrees(1_079.9, 80)).as("999.9 us apart").isTrue();
        assertThat(AgreementCheck.agrees(1_080, 80)).as("exactly 1 ms apart, x13.5").isFalse();
    }

    @Test
    void aDisagreementNamesTheSaturatedRun() {
        TransportResult saturated = result(Transport.WEBSOCKET, ClientStack.NETTY, 2_000, 100_000);
        saturated = saturated.toBuilder()
                .selfHealth(SelfHealth.builder().reasons(List.of("fell behind its plan: schedule lag")).build())
                .perConnection(null)
                .build();
        Agreement a = AgreementCheck.compare(result(Transport.WEBSOCKET, ClientStack.JETTY, 2_000, 10_000), saturated);
        assertThat(a.agrees()).isFalse();
        assertThat(a.note()).contains("saturated run: websocket");
    }

    @Test
    void echoComparesRoundTrips() {
        Agreement a = AgreementCheck.compare(result(Transport.WEBSOCKET, ClientStack.OKHTTP, Workload.ECHO, 900, 3_000),
                result(Transport.WEBSOCKET, ClientStack.NETTY, Workload.ECHO, 600, 2_000));
        assertThat(a.metric()).isEqualTo(Metrics.RTT_CORRECTED);
        assertThat(a.p50Ratio()).isEqualTo(1.5);
        assertThat(a.agrees()).isTrue();
    }

    @Test
    void withoutNettyTheFirstStackIsTheReference() {
        List<Agreement> agreement = AgreementCheck.of(List.of(
                result(Transport.WEBSOCKET, ClientStack.JETTY, 2_000, 10_000),
                result(Transport.WEBSOCKET, ClientStack.OKHTTP, 2_000, 10_000)));
        assertThat(agreement).singleElement().satisfies(a -> {
            assertThat(a.reference()).isEqualTo(ClientStack.JETTY);
            assertThat(a.client()).isEqualTo(ClientStack.OKHTTP);
        });
    }

    @Test
    void aTransportMeasuredByOneStackIsNotCompared() {
        assertThat(AgreementCheck.of(List.of(
                result(Transport.WEBSOCKET, ClientStack.NETTY, 2_000, 10_000),
                result(Transport.SSE_HTTP1, ClientStack.OKHTTP, 2_000, 10_000)))).isEmpty();
    }

    @Test
    void aStackThatRecordedNothingDisagrees() {
        Agreement a = AgreementCheck.compare(result(Transport.WEBSOCKET, ClientStack.JETTY, 0, 0),
                result(Transport.WEBSOCKET, ClientStack.NETTY, 2_000, 10_000));
        assertThat(a.agrees()).isFalse();
        assertThat(a.note()).isEqualTo("websocket/jetty recorded no push-corrected latency");
    }

    @Test
    void resultJsonCarriesTheAgreementAndOldFilesReadAsNull(@TempDir Path dir) throws Exception {
        RunResult run = new RunResult(RunResult.FORMAT, "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z", false,
                RunSpec.builder().build(), Environment.capture(Environment.MONOTONIC_ONE_HOST), List.of(
                result(Transport.WEBSOCKET, ClientStack.NETTY, 2_000, 10_000),
                result(Transport.WEBSOCKET, ClientStack.JETTY, 3_000, 15_000)));
        ResultFiles.write(dir, run);
        assertThat(ResultFiles.read(dir).agreement()).isEqualTo(run.agreement()).hasSize(1);

        Path json = dir.resolve(ResultFiles.RESULT_JSON);
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) ResultFiles.mapper().readTree(json.toFile());
        tree.remove("agreement");
        Files.writeString(json, tree.toString());
        assertThat(ResultFiles.read(dir).agreement()).isNull();
        assertThat(ResultFiles.read(dir).results()).hasSize(2);
    }

    private static TransportResult result(Transport transport, ClientStack client, double p50, double p99) {
        return result(transport, client, Workload.BROADCAST, p50, p99);
    }

    private static TransportResult result(Transport transport, ClientStack client, Workload workload,
                                          double p50, double p99) {
        long count = p50 == 0 ? 0 : 1000;
        LatencySummary latency = new LatencySummary(count, p50, p50, p99, p99, p99, p50);
        String metric = workload == Workload.ECHO ? Metrics.RTT_CORRECTED : Metrics.PUSH_CORRECTED;
        return TransportResult.builder().transport(transport).client(client).workload(workload).histogramLog("x.hlog")
                .measuredSeconds(2).deliveredPerSecond(1000)
                .connections(TransportResult.Connections.allOpened(10))
                .delivery(TransportResult.Delivery.complete(1000, 1000))
                .latency(Map.of(metric, latency))
                .selfHealth(SelfHealth.builder().build())
                .build();
    }
}
