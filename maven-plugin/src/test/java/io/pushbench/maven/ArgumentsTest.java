package io.pushbench.maven;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A goal's configuration as the command line it stands for, and the command line's output as log lines. */
class ArgumentsTest {

    @Test
    void setOptionsAndFlagsBecomeTheirCommandLineOptions() {
        String[] args = new Arguments("capacity").option("url", "ws://127.0.0.1:1/ws/echo").option("rate", null)
                .option("slo", " ").option("size", 64).each("header", List.of("A: 1", "B: 2")).flag("insecure", true)
                .flag("quiet", false).toArray();

        assertThat(args).containsExactly("capacity", "--url=ws://127.0.0.1:1/ws/echo", "--size=64", "--header=A: 1",
                "--header=B: 2", "--insecure");
    }

    @Test
    void outputGoesToTheLogLineByLine() {
        List<String> logged = new ArrayList<>();
        LogWriter writer = new LogWriter(logged::add);
        try (PrintWriter out = new PrintWriter(writer, true)) {
            out.print("thresholds: 1 of 2 failed\r\n  failed: websocket p99<1us");
            out.println(": p99 2 ms >= 1 us");
            out.print("no newline at the end");
        }

        assertThat(logged).containsExactly("thresholds: 1 of 2 failed", "  failed: websocket p99<1us: p99 2 ms >= 1 us",
                "no newline at the end");
        assertThat(writer.lines()).isEqualTo(logged);
    }
}
