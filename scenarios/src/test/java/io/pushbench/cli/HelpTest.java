package io.pushbench.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command's {@code --help} renders as written: picocli formats descriptions with
 * {@code String.format}, so a lone {@code %} (as in {@code errors<1%}) makes it print a warning on
 * the process's stderr and show the raw text instead.
 */
class HelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"compare", "capacity", "serve", "report", "calibrate", "bench"})
    void helpRendersWithoutFormattingWarnings(String command) {
        PrintStream original = System.err;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        CliTestSupport.Run run;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            run = CliTestSupport.run(command, "--help");
        } finally {
            System.setErr(original);
        }
        assertThat(run.exitCode()).isZero();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
        assertThat(run.out()).startsWith("Usage: pushbench " + command).doesNotContain("%n");
    }
}
