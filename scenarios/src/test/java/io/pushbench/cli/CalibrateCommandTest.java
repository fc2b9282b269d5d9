package io.pushbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pushbench calibrate} at the rate it chooses: 1000 msg/s for the Java stacks, 100 when the
 * browser calibrates (Chromium's HTTP/2 stream batches what arrives within a millisecond), and what
 * {@code --rate} says when it is given. Short runs of one transport: what is checked is the plan and
 * the table, not the verdict, which is a property of the machine.
 */
class CalibrateCommandTest {

    private static final List<String> SHORT = List.of("--transports", "websocket", "--subscribers", "2",
            "--warmup", "300ms", "--duration", "1s");

    private static CliTestSupport.Run calibrate(Path out, String... args) {
        List<String> all = new ArrayList<>(List.of("calibrate"));
        all.addAll(SHORT);
        all.addAll(List.of(args));
        all.addAll(List.of("--out", out.toString()));
        return CliTestSupport.run(all.toArray(String[]::new));
    }

    @Test
    void theJavaStacksCalibrateAtAThousandMessagesPerSecond(@TempDir Path dir) {
        CliTestSupport.Run run = calibrate(dir.resolve("netty"));

        assertThat(run.out()).as(run.err()).contains("at 1000 msg/s to 2 subscribers")
                .doesNotContain("the browser's default");
        assertThat(run.out()).containsPattern("(?m)^websocket\\s+\\d+\\.\\d+\\s+\\d+\\.\\d+\\s+-?\\d+\\.\\d+\\s+5\\.000");
        assertThat(Files.isRegularFile(dir.resolve("netty/baseline/result.json"))).isTrue();
        assertThat(Files.isRegularFile(dir.resolve("netty/delayed/result.json"))).isTrue();
    }

    @Test
    void theBrowserCalibratesAtAHundredByDefaultAndSaysWhy(@TempDir Path dir) {
        CliTestSupport.Run run = calibrate(dir.resolve("browser"), "--clients", "browser");

        assertThat(run.out()).as(run.err()).contains("at 100 msg/s to 2 subscribers",
                "the browser's default: Chromium's HTTP/2 stream batches");
        assertThat(run.out()).containsPattern("(?m)^websocket/browser\\s+\\d+\\.\\d+");
    }

    @Test
    void anExplicitRateWinsForTheBrowserToo(@TempDir Path dir) {
        CliTestSupport.Run run = calibrate(dir.resolve("browser-rate"), "--clients", "browser", "--rate", "50");

        assertThat(run.out()).as(run.err()).contains("at 50 msg/s to 2 subscribers")
                .doesNotContain("the browser's default");
    }
}
