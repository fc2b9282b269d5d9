package io.pushbench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code pushbench} command. Errors a user can fix are printed as one line naming what was
 * wrong and exit non-zero: {@value #EXIT_USAGE} for bad options, {@value #EXIT_FAILURE} for a
 * run that could not be done (a port in use, a server that cannot be reached) or an internal
 * error. A run that went through but broke a gate (a threshold of {@code --assert}, an allowance
 * of {@code report --max-regression}) exits {@value #EXIT_THRESHOLD}, as k6 does for thresholds.
 */
@Command(name = "pushbench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Benchmarks and load-tests server-push transports: long polling, WebSocket, "
                + "SSE over HTTP/1.1 and SSE over HTTP/2.",
        exitCodeListHeading = PushBench.EXIT_CODES_HEADING,
        exitCodeList = {PushBench.EXIT_CODE_OK, PushBench.EXIT_CODE_FAILURE, PushBench.EXIT_CODE_USAGE,
            PushBench.EXIT_CODE_THRESHOLD},
        subcommands = {CompareCommand.class, CapacityCommand.class, CalibrateCommand.class, BenchCommand.class,
                ServeCommand.class, ReportCommand.class, MergeCommand.class, CoordinateCommand.class, K8sCommand.class,
                CommandLine.HelpCommand.class})
public final class PushBench {

    /** Exit code for a bad option or argument. */
    public static final int EXIT_USAGE = 2;
    /** Exit code for a run that failed. */
    public static final int EXIT_FAILURE = 1;
    /** Exit code for a run that broke a threshold of {@code --assert}, or a regression check that found a regression. */
    public static final int EXIT_THRESHOLD = 99;

    /** The heading of the exit codes in {@code --help}. */
    static final String EXIT_CODES_HEADING = "%nExit codes:%n";
    /** Exit code 0 in {@code --help}. */
    static final String EXIT_CODE_OK = "0:done (and every threshold met)";
    /** Exit code 1 in {@code --help}. */
    static final String EXIT_CODE_FAILURE = "1:the run failed or was interrupted, or an internal error";
    /** Exit code 2 in {@code --help}. */
    static final String EXIT_CODE_USAGE = "2:a bad option or argument";
    /** Exit code 99 in {@code --help}. */
    static final String EXIT_CODE_THRESHOLD = "99:a threshold of --assert broke, or --max-regression found a regression";
    /** Netty's system property for its leak detector's level; read when Netty first allocates a buffer. */
    static final String NETTY_LEAK_DETECTION = "io.netty.leakDetection.level";


    public static void main(String[] args) {
        // Jetty's client brings SLF4J, which Netty then logs through too; pushbench ships no SLF4J
        // provider, so SLF4J would print a three-line warning at the top of every run.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        // Netty's leak detector, at its default level, records a stack trace for about one buffer in
        // 128: a debugging aid whose time and garbage would land in every message measured. Off
        // unless asked for (-Dio.netty.leakDetection.level=simple in PUSHBENCH_JAVA_OPTS).
        if (System.getProperty(NETTY_LEAK_DETECTION) == null) {
            System.setProperty(NETTY_LEAK_DETECTION, "disabled");
        }
        int code = run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        // After Ctrl-C or SIGTERM the JVM is already exiting with 128 + the signal's number: a
        // System.exit here would race it (and, once shutdown is under way, win with its own code).
        if (!Interruption.signalled()) {
            System.exit(code);
        }
    }

    /** Runs the command line with the given output streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new PushBench());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("pushbench: " + e.getMessage());
            err.println("Try 'pushbench " + commandPath(e.getCommandLine()) + "--help' for the options.");
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof UserError userError) {
                err.println("pushbench: " + userError.getMessage());
                return userError.exitCode();
            }
            err.println("pushbench: internal error: " + e);
            e.printStackTrace(err);
            return EXIT_FAILURE;
        });
        return cli.execute(args);
    }

    private static String commandPath(CommandLine commandLine) {
        StringBuilder path = new StringBuilder();
        for (CommandLine c = commandLine; c.getParent() != null; c = c.getParent()) {
            path.insert(0, c.getCommandName() + " ");
        }
        return path.toString();
    }
}
