package io.pushbench.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the command line in-process and keeps what it printed (public for the interop tests' package). */
public final class CliTestSupport {

    private CliTestSupport() {
    }

    /** The exit code and the two output streams of one invocation. */
    public record Run(int exitCode, String out, String err) {
    }

    public static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PushBench.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    /** A failed run whose first error line starts with {@code pushbench: } and holds every fragment; no stack trace. */
    static void assertOneLineError(Run run, String... fragments) {
        assertThat(run.exitCode()).isNotZero();
        String first = run.err().lines().findFirst().orElse("");
        assertThat(first).startsWith("pushbench: ").contains(fragments);
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
