package io.pushbench.maven;

import com.fasterxml.jackson.core.type.TypeReference;
import io.pushbench.cli.PushBench;
import io.pushbench.core.gate.Check;
import io.pushbench.core.gate.Thresholds;
import io.pushbench.core.result.ResultFiles;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A goal that runs one pushbench command in Maven's JVM, with the options its configuration sets,
 * and turns the outcome into the build's: a broken threshold fails the build
 * ({@link MojoFailureException}, naming every violation), a run that could not be done or a bad
 * option is an error ({@link MojoExecutionException}, quoting pushbench's one-line message).
 */
abstract class PushbenchMojo extends AbstractMojo {

    /** Where the results go: result.json, the histogram logs, report.html, summary.md, junit-thresholds.xml. */
    @Parameter(property = "pushbench.out")
    File out;

    /** Thresholds the run must meet, as {@code --assert}: e.g. {@code p99<10ms,lost=0}; the build fails otherwise. */
    @Parameter(alias = "assert", property = "pushbench.assert")
    String thresholds;

    /** {@code --rate}: messages per second, or a staircase such as {@code 500..32000*2}. */
    @Parameter(property = "pushbench.rate")
    String rate;

    /** {@code --slo}: what a step of a staircase must meet to hold, e.g. {@code p99<100ms}. */
    @Parameter(property = "pushbench.slo")
    String slo;

    /** {@code --size}: bytes per message. */
    @Parameter(property = "pushbench.size")
    Integer size;

    /** {@code --drain}: the longest wait for messages in flight after the last send, e.g. {@code 1s}. */
    @Parameter(property = "pushbench.drain")
    String drain;

    /** {@code --io-threads}: client I/O threads. */
    @Parameter(property = "pushbench.ioThreads")
    Integer ioThreads;

    /** No progress lines while running; the tables and the thresholds are still logged. */
    @Parameter(property = "pushbench.quiet", defaultValue = "true")
    boolean quiet;

    /** Skip the goal. */
    @Parameter(property = "pushbench.skip", defaultValue = "false")
    boolean skip;

    /** The project's build directory, under which results go by default. */
    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    File buildDirectory;

    /** The command, e.g. {@code capacity}. */
    abstract String command();

    /** Adds the goal's own options (those all goals share are added after them). */
    abstract void addOptions(Arguments args);

    /** The result directory when {@link #out} is not set: {@code target/pushbench/COMMAND}. */
    File defaultOut() {
        return new File(new File(buildDirectory, "pushbench"), command());
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("pushbench " + command() + ": skipped");
            return;
        }
        File dir = out != null ? out : defaultOut();
        Arguments args = new Arguments(command());
        addOptions(args);
        args.option("rate", rate).option("slo", slo).option("size", size).option("drain", drain)
                .option("io-threads", ioThreads).option("assert", thresholds).option("out", dir.getPath()).flag("quiet", quiet);
        getLog().info(args.toString());
        LogWriter console = new LogWriter(getLog()::info);
        LogWriter errors = new LogWriter(getLog()::error);
        int code;
        try (PrintWriter stdout = new PrintWriter(console, true); PrintWriter stderr = new PrintWriter(errors, true)) {
            code = PushBench.run(stdout, stderr, args.toArray());
        }
        String firstError = errors.lines().stream().filter(l -> !l.isBlank()).findFirst().orElse("exit code " + code);
        switch (code) {
            case 0 -> { }
            case PushBench.EXIT_THRESHOLD -> throw new MojoFailureException(violations(dir.toPath()));
            case PushBench.EXIT_USAGE -> throw new MojoExecutionException("pushbench " + command()
                    + ": bad configuration: " + firstError);
            default -> throw new MojoExecutionException("pushbench " + command() + " failed: " + firstError);
        }
    }

    /** The message of a build failed by thresholds: every failed check, from the result directory. */
    private String violations(Path dir) {
        List<Check> checks = new ArrayList<>();
        try {
            if (Files.isRegularFile(dir.resolve(ResultFiles.RESULT_JSON))) {
                checks.addAll(read(dir));
            } else {
                // A rate staircase: one result directory per transport.
                try (Stream<Path> children = Files.list(dir)) {
                    for (Path child : children.sorted().toList()) {
                        if (Files.isRegularFile(child.resolve(ResultFiles.RESULT_JSON))) {
                            checks.addAll(read(child));
                        }
                    }
                }
            }
        } catch (IOException e) {
            return "pushbench " + command() + ": thresholds broke (see the log above; " + dir + " could not be read: "
                    + e.getMessage() + ")";
        }
        List<Check> failed = checks.stream().filter(Check::failed).toList();
        StringBuilder message = new StringBuilder("pushbench " + command() + ": thresholds: " + Check.tally(checks));
        failed.forEach(c -> message.append(System.lineSeparator()).append("  ").append(c.subject()).append(' ')
                .append(c.name()).append(": ").append(c.detail()));
        message.append(System.lineSeparator()).append("  report: ").append(dir.resolve("report.html"));
        return message.toString();
    }

    private static List<Check> read(Path dir) throws IOException {
        List<Check> checks = ResultFiles.readField(dir, Thresholds.RESULT_FIELD, new TypeReference<List<Check>>() { });
        return checks == null ? List.of() : checks;
    }
}
