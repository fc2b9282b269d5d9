package io.pushbench.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code pushbench bench}: runs every scenario of the catalogue through {@code compare} and writes
 * one landing page linking each scenario's results and the JMH results found beside them. This
 * is what {@code mvn verify -Pbench} runs.
 */
@Command(name = "bench", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Run the whole scenario catalogue and write a landing page linking every result.")
final class BenchCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec command;

    @Option(names = "--catalogue", paramLabel = "DIR",
            description = "Directory of scenario files (*.yaml). Default: ${DEFAULT-VALUE}.")
    private Path catalogue = Path.of("scenarios");

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Where each scenario's result directory and index.html go.")
    private Path out;

    @Option(names = "--quick", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            description = "Shorter phases (0.5s warm-up, 1.5s measured, at most 0.5s drain) on the same code path, "
            + "and a 0.5s heartbeat, so that an idle scenario's phase still covers two heartbeat intervals.")
    private boolean quick;

    @Override
    public Integer call() throws Exception {
        List<Path> scenarios = scenarioFiles();
        Path dir = ResultDirectory.prepare(out);
        PrintWriter console = command.commandLine().getOut();
        List<LandingPage.Entry> entries = new ArrayList<>();
        for (Path scenario : scenarios) {
            String name = scenario.getFileName().toString().replaceFirst("\\.yaml$", "");
            console.printf("scenario %s%n", name);
            List<String> args = new ArrayList<>(List.of("compare", "--scenario", scenario.toString(), "--quiet",
                    "--out", dir.resolve(name).toString()));
            if (quick) {
                // The heartbeat shrinks with the phase: workload idle needs two intervals in it; the other
                // scenarios' channels are never idle for a second, so it changes nothing for them.
                args.addAll(List.of("--warmup", "500ms", "--duration", "1500ms", "--drain", "500ms",
                        "--heartbeat", "500ms"));
            }
            StringWriter err = new StringWriter();
            int code = PushBench.run(console, new PrintWriter(err, true), args.toArray(String[]::new));
            entries.add(new LandingPage.Entry(name, describe(scenario), code == 0 ? null : err.toString().strip()));
        }
        Path index = LandingPage.write(dir, entries, jmhResults(dir));
        console.println("landing page: " + index.toAbsolutePath());
        return entries.stream().allMatch(e -> e.error() == null) ? 0 : PushBench.EXIT_FAILURE;
    }

    private List<Path> scenarioFiles() {
        if (!Files.isDirectory(catalogue)) {
            throw UserError.usage("--catalogue " + catalogue + ": not a directory");
        }
        try (Stream<Path> files = Files.list(catalogue)) {
            List<Path> scenarios = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            if (scenarios.isEmpty()) {
                throw UserError.usage("--catalogue " + catalogue + ": no *.yaml scenario files there");
            }
            return scenarios;
        } catch (IOException e) {
            throw UserError.usage("--catalogue " + catalogue + ": cannot list it (" + e.getMessage() + ")");
        }
    }

    /** The scenario's opening comment up to its "Run:" paragraph: what it is and the question it answers. */
    private static String describe(Path scenario) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : Files.readAllLines(scenario)) {
            String comment = line.startsWith("#") ? line.substring(1).strip() : null;
            if (comment == null || comment.startsWith("Run:")) {
                break;
            }
            text.append(comment).append(' ');
        }
        return text.toString().strip();
    }

    /** Every {@code jmh-*.json} in the output directory (JMH's results, written there by the bench profile). */
    private static List<Path> jmhResults(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("jmh-.*\\.json")).sorted().toList();
        }
    }
}
