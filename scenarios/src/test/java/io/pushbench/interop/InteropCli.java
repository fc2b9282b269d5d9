package io.pushbench.interop;

import io.pushbench.cli.CliTestSupport;
import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.TransportResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code pushbench capacity} through its command-line entry point, as a user runs it, for the interop tests. */
final class InteropCli {

    private InteropCli() {
    }

    /**
     * Runs one step of {@code capacity} (1 s warm-up, 3 s measured, a lenient objective unless
     * {@code options} give one) with
     * {@code options}, checks that it exited 0 and held, and returns the step's result from
     * {@code out/result.json}.
     */
    static TransportResult capacityStep(Path out, String... options) {
        List<String> args = new ArrayList<>(List.of("capacity", "--step-duration", "3s", "--step-warmup", "1s",
                "--io-threads", "1", "--no-generator-floor", "--quiet", "--out", out.toString()));
        args.addAll(List.of(options));
        if (!args.contains("--slo")) {
            args.addAll(List.of("--slo", "p99<10s"));
        }
        CliTestSupport.Run run = CliTestSupport.run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        CapacityResult result;
        try {
            result = ResultFiles.readCapacity(out);
        } catch (java.io.IOException e) {
            throw new AssertionError("no result.json in " + out + ": " + run.out() + run.err(), e);
        }
        assertThat(result.steps()).hasSize(1);
        assertThat(result.steps().get(0).passed()).as(result.verdict().summary() + "\nerrors: "
                + result.steps().get(0).result().errors() + "\n" + run.out()).isTrue();
        return result.steps().get(0).result();
    }
}
