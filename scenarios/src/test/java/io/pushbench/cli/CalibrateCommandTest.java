package io.pushbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pushbench calibrate} at the rate and subscriber count it chooses: 1000 msg/s to 10 for the
 * Java stacks, 100 msg/s to 1 when the browser calibrates (Chromium's HTTP/2 stream batches what
 * arrives within a millisecond; pages woken by the same broadcast queue for the CPU), and what
 * {@code --rate} and {@code --subscribers} say when they are given. Short runs of one transport: what is checked is the plan and
 * the table, not the verdict, which is a property of the machine.
 */
class CalibrateCommandTest {

    private static final List<String> SHORT = List.of("--transports", "websocket", "--warmup", "300ms",
            "--duration", "1s");

    private static CliTestSupport.Run calibrate(Path out, String... args) {
        List<String> all = new ArrayList<>(List.of("calibrate"));
        all.addAll(SHORT);
        all.addAll(List.of(args));
        all.addAll(List.of("--out", out.toString()));
        return CliTestSupport.run(all.toArray(String[]::new));
    }

    @Test
    void theJavaStacksCalibrateAtAThousandMessagesPerSecond(@TempDir Path dir) {
        CliTestSupport.Run run = calibrate(dir.resolve("netty"), "--subscribers", "2");

        assertThat(run.out()).as(run.err()).contains("at 1000 msg/s to 2 subscribers:")
                .doesNotContain("the browser's default");
        assertThat(run.out()).containsPattern("(?m)^websocket\\s+\\d+\\.\\d+\\s+\\d+\\.\\d+\\s+-?\\d+\\.\\d+\\s+5\\.000");
        assertThat(Files.isRegularFile(dir.resolve("netty/baseline/result.json"))).isTrue();
        assertThat(Files.isRegularFile(dir.resolve("netty/delayed/result.json"))).isTrue();
    }

    @Test
    void theBrowserCalibratesAtAHundredToOneSubscriberByDefaultAndSaysWhy(@TempDir Path dir) {
        CliTestSupport.Run run = calibrate(dir.resolve("browser"), "--clients", "browser");

        assertThat(run.out()).as(run.err()).contains("at 100 msg/s to 1 subscriber:",
                "at 100 msg/s, the browser's default: Chromium's HTTP/2 stream batches",
                "to 1 subscriber, the browser's default: pages woken by the same broadcast queue");
        assertThat(run.out()).containsPattern("(?m)^websocket/browser\\s+\\d+\\.\\d+");
    }

    @Test
    void anExplicitRateOrSubscriberCountWinsForTheBrowserToo(@TempDir Path dir) {
        CliTestSupport.Run rate = calibrate(dir.resolve("browser-rate"), "--clients", "browser", "--rate", "50");
        CliTestSupport.Run both = calibrate(dir.resolve("browser-both"), "--clients", "browser", "--rate", "50",
                "--subscribers", "2");

        assertThat(rate.out()).as(rate.err()).contains("at 50 msg/s to 1 subscriber:", "to 1 subscriber, the browser's")
                .doesNotContain("at 50 msg/s, the browser's default");
        assertThat(both.out()).as(both.err()).contains("at 50 msg/s to 2 subscribers:")
                .doesNotContain("the browser's default");
    }
}
