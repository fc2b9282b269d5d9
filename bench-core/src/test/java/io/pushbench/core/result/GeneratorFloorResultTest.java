package io.pushbench.core.result;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushbench.core.spec.CapacityMode;
import io.pushbench.core.spec.CapacitySpec;
import io.pushbench.core.spec.Ramp;
import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.spec.Slo;
import io.pushbench.core.spec.Workload;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The generator floor's multiples, and its place in {@code result.json}: written, read back, absent from old files. */
class GeneratorFloorResultTest {

    private static final GeneratorFloorResult FLOOR = new GeneratorFloorResult(GeneratorFloorResult.WEBSOCKET_ECHO,
            10, 10_000, 32, 2.0, 20_000, 19_990, 200, -1, 35, 10.0, -1, List.of(), null);

    @Test
    void aTransportsGeneratorCpuIsTakenAsAMultipleOfTheFloors() {
        GeneratorFloorResult floor = FLOOR.withMultiples(List.of(result(Transport.WEBSOCKET, 14.0, 1000),
                result(Transport.SSE_HTTP1, 30.0, 1000), result(Transport.LONG_POLLING, 50.0, 0)));

        assertThat(floor.multiples()).containsExactly(Map.entry("websocket", 1.4), Map.entry("sse-http1", 3.0));
        assertThat(floor.multipleOf(result(Transport.LONG_POLLING, 50.0, 0)))
                .as("nothing delivered: no multiple").isEqualTo(-1);
        assertThat(floor.perWhat()).isEqualTo("round trip");
    }

    @Test
    void resultJsonCarriesTheFloorWithItsMultiplesAndOldFilesReadWithout(@TempDir Path dir) throws Exception {
        RunResult run = new RunResult(RunResult.FORMAT, "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z", false,
                RunSpec.builder().build(), Environment.capture(Environment.MONOTONIC_ONE_HOST),
                List.of(result(Transport.WEBSOCKET, 21.0, 1000))).withGeneratorFloor(FLOOR);
        ResultFiles.write(dir, run);

        GeneratorFloorResult read = ResultFiles.read(dir).generatorFloor();
        assertThat(read).isEqualTo(run.generatorFloor());
        assertThat(read.multiples()).containsExactly(Map.entry("websocket", 2.1));

        dropField(dir, "generatorFloor");
        RunResult old = ResultFiles.read(dir);
        assertThat(old.generatorFloor()).isNull();
        assertThat(old.results()).hasSize(1);
        assertThat(old.withFloor(null).generatorFloor()).isNull();
    }

    @Test
    void aCapacityResultKeepsOneFloorPerStep(@TempDir Path dir) throws Exception {
        CapacitySpec spec = CapacitySpec.builder().url(URI.create("ws://127.0.0.1:1/ws/echo"))
                .transport(Transport.WEBSOCKET).client(ClientStack.NETTY).mode(CapacityMode.ECHO)
                .connections(Ramp.fixed(10)).rate(Ramp.fixed(10_000)).slo(Slo.parse("p99<10ms")).build();
        List<CapacityResult.Step> steps = List.of(step(1, 14.0), step(2, 28.0));
        CapacityResult result = new CapacityResult(CapacityResult.FORMAT, "2026-01-01T00:00:00Z",
                "2026-01-01T00:01:00Z", false, spec, Environment.capture(Environment.MONOTONIC_ONE_HOST), steps,
                CapacityResult.Verdict.of(spec, steps, false)).withGeneratorFloors(Map.of(2, FLOOR, 7, FLOOR));
        ResultFiles.write(dir, result);

        CapacityResult read = ResultFiles.readCapacity(dir);
        assertThat(read.generatorFloors()).as("a floor of a step the result does not hold is left out")
                .containsOnlyKeys(2);
        assertThat(read.generatorFloorOf(read.steps().get(0))).isNull();
        assertThat(read.generatorFloorOf(read.steps().get(1)).multiples()).containsExactly(Map.entry("websocket", 2.8));

        dropField(dir, "generatorFloors");
        CapacityResult old = ResultFiles.readCapacity(dir);
        assertThat(old.generatorFloors()).isNull();
        assertThat(old.generatorFloorOf(old.steps().get(0))).isNull();
    }

    private static void dropField(Path dir, String field) throws Exception {
        Path json = dir.resolve(ResultFiles.RESULT_JSON);
        ObjectNode tree = (ObjectNode) ResultFiles.mapper().readTree(json.toFile());
        tree.remove(field);
        Files.writeString(json, tree.toString());
    }

    private static CapacityResult.Step step(int index, double generatorMicros) {
        return CapacityResult.Step.builder().index(index).connections(10).rate(10_000).load(10_000).held(10)
                .memory(new CapacityResult.Memory(0, -1, 0, -1)).result(result(Transport.WEBSOCKET, generatorMicros, 1000))
                .build();
    }

    /** An echo result whose generator spent {@code generatorMicros} per message over {@code received} messages. */
    private static TransportResult result(Transport transport, double generatorMicros, long received) {
        return TransportResult.builder().transport(transport).client(ClientStack.NETTY).workload(Workload.ECHO)
                .histogramLog("x.hlog").measuredSeconds(1).deliveredPerSecond(received)
                .connections(TransportResult.Connections.allOpened(10))
                .delivery(TransportResult.Delivery.builder().sent(received).expected(received).received(received)
                        .lostInGaps(-1).build())
                .latency(Map.of(Metrics.RTT_CORRECTED, TestResults.latency(100, 200)))
                .selfHealth(SelfHealth.builder().cpuMillis(0, -1, 0).cpuMicrosPerMessage(generatorMicros, -1).build())
                .build();
    }
}
