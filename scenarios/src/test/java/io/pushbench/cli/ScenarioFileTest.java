package io.pushbench.cli;

import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.RunResult;
import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.spec.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Scenario files set the same options as the command line; mistakes are named with line and field. */
class ScenarioFileTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("scenario.yaml"), yaml);
    }

    @Test
    void aFileSetsTheOptionsAndTheCommandLineWins() throws Exception {
        Path file = write("""
                # a comment
                workload: echo
                rate: 200
                size: 64
                subscribers: 4
                transports: [websocket]
                warmup: 200ms
                duration: 5s
                """);
        Path out = dir.resolve("out");
        CliTestSupport.Run run = CliTestSupport.run("compare", "--scenario", file.toString(), "--duration", "1s",
                "--quiet", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        RunResult result = ResultFiles.read(out);
        assertThat(result.scenario().name()).isEqualTo("scenario");
        assertThat(result.scenario().workload()).isEqualTo(Workload.ECHO);
        assertThat(result.scenario().messageSize()).isEqualTo(64);
        assertThat(result.scenario().subscribers()).isEqualTo(4);
        assertThat(result.scenario().duration()).hasSeconds(1);
        assertThat(result.results().get(0).delivery().received()).isEqualTo(200);
    }

    @Test
    void anUnknownFieldIsNamedWithItsLineAndTheValidFields() throws Exception {
        Path file = write("rate: 100\nsubscriber: 5\n");
        CliTestSupport.Run run = CliTestSupport.run("compare", "--scenario", file.toString());
        assertThat(run.exitCode()).isEqualTo(PushBench.EXIT_USAGE);
        assertThat(run.err()).startsWith("pushbench: " + file + " line 2, column 1: unknown field 'subscriber'")
                .contains("valid: ").contains("subscribers");
    }

    @Test
    void aBadValueIsNamedWithItsLineAndField() throws Exception {
        Path file = write("rate: 100\nduration: soon\n");
        CliTestSupport.Run run = CliTestSupport.run("compare", "--scenario", file.toString());
        assertThat(run.exitCode()).isEqualTo(PushBench.EXIT_USAGE);
        assertThat(run.err()).startsWith("pushbench: " + file + " line 2, field duration: ").contains("soon");
    }

    @Test
    void malformedYamlIsNamedWithItsLine() throws Exception {
        Path file = write("rate: 100\nsize: [64\nsubscribers: 3\n");
        CliTestSupport.Run run = CliTestSupport.run("compare", "--scenario", file.toString());
        assertThat(run.exitCode()).isEqualTo(PushBench.EXIT_USAGE);
        assertThat(run.err()).startsWith("pushbench: " + file + " line ").contains("malformed YAML");
    }

    @Test
    void aMissingFileIsNamed() {
        CliTestSupport.Run run = CliTestSupport.run("compare", "--scenario", dir.resolve("nope.yaml").toString());
        assertThat(run.err()).contains("--scenario", "nope.yaml", "no such file");
    }

    @Test
    void everyCatalogueFileTeachesAndDefinesAValidRun() throws Exception {
        Path catalogue = Path.of(System.getProperty("user.dir"));
        List<String> names = new ArrayList<>();
        try (var files = Files.list(catalogue)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                names.add(file.getFileName().toString());
                assertThat(Files.readString(file)).as(file.toString()).startsWith("# ")
                        .contains("# Question:", "# Run:   scripts/pushbench compare --scenario scenarios/", "# Look at:");
                CommandLine cli = new CommandLine(new CompareCommand());
                cli.parseArgs("--scenario", file.toString());
                // The merged options as compare runs them, checked as a run: a file that converts but breaks
                // a rule of the run (idle shorter than two heartbeats) fails here, not after connecting.
                RunSpec spec = ((CompareCommand) cli.getCommand()).withScenario().buildSpec();
                assertThat(spec.name()).isEqualTo(file.getFileName().toString().replace(".yaml", ""));
            }
        }
        assertThat(names).contains("market-data.yaml", "chat.yaml", "game-echo.yaml", "large-messages-64k.yaml",
                "large-messages-1m.yaml", "many-streams.yaml", "idle.yaml");
    }

    @Test
    void theCatalogueFilesAreValid() throws Exception {
        Path catalogue = Path.of(System.getProperty("user.dir"));
        try (var files = Files.list(catalogue)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                // A bad --rate on the command line stops the run after every field of the file was converted.
                CliTestSupport.Run run = CliTestSupport.run("compare", "--scenario", file.toString(), "--rate", "x");
                assertThat(run.err()).as(file.toString()).contains("--rate").doesNotContain("line ");
            }
        }
    }
}
