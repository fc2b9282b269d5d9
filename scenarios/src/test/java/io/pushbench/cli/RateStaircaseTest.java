package io.pushbench.cli;

import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code compare} with a rate staircase (what scenarios/max-throughput.yaml runs): each transport
 * climbs against its own embedded server to a verdict; a malformed ramp or objective in a scenario
 * file is named with its line and field.
 */
class RateStaircaseTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("staircase.yaml"), yaml);
    }

    @Test
    void aRampInAScenarioFileClimbsEveryTransportToAVerdict() throws Exception {
        // A lenient objective: on a loaded machine a step may still break on saturation; either way it is judged.
        Path file = write("""
                rate: 100..200*2
                slo: p99<5s
                subscribers: 2
                warmup: 100ms
                duration: 500ms
                drain: 300ms
                """);
        Path out = dir.resolve("out");
        CliTestSupport.Run run = CliTestSupport.run("compare", "--scenario", file.toString(), "--quiet",
                "--out", out.toString());

        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        assertThat(run.out()).contains("highest sustained rate per transport");
        List<CapacityResult> results = ResultFiles.readCapacities(out);
        assertThat(results).extracting(r -> r.scenario().transport()).containsExactlyElementsOf(
                CompareCommand.DEFAULT_TRANSPORTS);
        for (CapacityResult r : results) {
            assertThat(r.scenario().rate()).hasToString("100..200*2");
            assertThat(r.scenario().slo().text()).isEqualTo("p99<5s,errors<1%");
            assertThat(r.scenario().saturationBreaks()).isTrue();
            assertThat(r.steps()).isNotEmpty();
            // Judged to the end: every step held up to the last, which either held too (the top) or broke.
            CapacityResult.Step last = r.steps().get(r.steps().size() - 1);
            assertThat(r.steps().subList(0, r.steps().size() - 1)).allMatch(CapacityResult.Step::passed);
            assertThat(r.verdict().brokenStep()).isEqualTo(last.passed() ? 0 : last.index());
            assertThat(r.verdict().heldStep()).isEqualTo(last.passed() ? last.index() : last.index() - 1);
            assertThat(r.steps().get(0).rate()).isEqualTo(100);
            assertThat(r.steps().get(0).result().delivery().received()).isPositive();
            assertThat(run.out()).containsPattern("(?m)^" + r.scenario().label() + " +(100|200|none) ");
            Path transportDir = out.resolve(ResultFiles.transportDirName(r.scenario().transport(), ClientStack.NETTY));
            assertThat(transportDir.resolve(ResultFiles.stepLogName(1))).isNotEmptyFile();
        }
        String page = Files.readString(out.resolve("report.html"));
        assertThat(page).contains("Highest sustained rate", Transport.SSE_HTTP2.id(), "websocket-netty/result.json");
        // The saved results render again from their files alone.
        Files.delete(out.resolve("report.html"));
        CliTestSupport.Run report = CliTestSupport.run("report", out.toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(out.resolve("report.html")).isNotEmptyFile();
    }

    @Test
    void aMalformedRampIsNamedWithItsLineFieldAndForm() throws Exception {
        Path file = write("subscribers: 2\nrate: 100..x*2\n");
        CliTestSupport.Run run = CliTestSupport.run("compare", "--scenario", file.toString());
        assertThat(run.exitCode()).isEqualTo(PushBench.EXIT_USAGE);
        CliTestSupport.assertOneLineError(run, file + " line 2, field rate: ", "'x' is not a number",
                "FROM..TO*FACTOR");
    }

    @Test
    void aFactorThatDoesNotClimbIsRefused() throws Exception {
        Path file = write("rate: 100..800*1\n");
        CliTestSupport.Run run = CliTestSupport.run("compare", "--scenario", file.toString());
        CliTestSupport.assertOneLineError(run, file + " line 1, field rate: ", "factor must be > 1");
    }

    @Test
    void aMalformedObjectiveIsNamedWithItsLineAndField() throws Exception {
        Path file = write("rate: 100..800*2\nslo: p99 under 10ms\n");
        CliTestSupport.Run run = CliTestSupport.run("compare", "--scenario", file.toString());
        CliTestSupport.assertOneLineError(run, file + " line 2, field slo: ", "NAME<LIMIT");
    }

    @Test
    void anObjectiveNeedsAStaircase() {
        CliTestSupport.Run run = CliTestSupport.run("compare", "--rate", "500", "--slo", "p99<10ms");
        CliTestSupport.assertOneLineError(run, "--slo applies to a --rate staircase only");
    }

    @Test
    void aStaircaseNeedsTheOpenModel() {
        CliTestSupport.Run run = CliTestSupport.run("compare", "--workload", "echo", "--closed", "--rate", "100..400*2");
        CliTestSupport.assertOneLineError(run, "--rate 100..400*2", "--closed");
    }
}
