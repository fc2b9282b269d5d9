package io.pushbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standalone jar ({@code target/pushbench-scenarios-VERSION-standalone.jar}, built by {@code mvn package}) runs
 * with {@code java -jar} from an empty directory, as a user who downloaded only it would run it:
 * nothing beside it, no class path. Run by Failsafe after the jar is built.
 */
@Timeout(120)
class StandaloneJarIT {

    /** Set by the build (Failsafe's configuration in the pom). */
    private static final Path JAR = Path.of(System.getProperty("pushbench.standalone.jar", "")).toAbsolutePath();

    @Test
    void printsItsHelpFromAnEmptyDirectory(@TempDir Path empty) throws Exception {
        Result help = javaJar(empty, "--help");

        assertThat(help.exitCode()).as(help.output()).isZero();
        assertThat(help.output()).startsWith("Usage: pushbench").contains("compare", "capacity", "report",
                "99   a threshold of --assert broke");
        try (var left = Files.list(empty)) {
            assertThat(left).as("nothing written beside it").isEmpty();
        }
    }

    @Test
    void loadsTheCommandsThatNeedItsDependencies(@TempDir Path empty) throws Exception {
        // compare --help loads picocli's model of every option type: Jackson (scenario files), the drivers' enums.
        Result help = javaJar(empty, "compare", "--help");
        assertThat(help.exitCode()).as(help.output()).isZero();
        assertThat(help.output()).contains("--assert=THRESHOLDS");
        // A bad option is a one-line usage error with exit 2, as from the application's own jar.
        Result bad = javaJar(empty, "compare", "--assert", "p99<fast");
        assertThat(bad.exitCode()).isEqualTo(PushBench.EXIT_USAGE);
        assertThat(bad.output()).contains("'p99<fast'");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result javaJar(Path dir, String... args) throws IOException, InterruptedException {
        assertThat(JAR).as("built by mvn package").isRegularFile();
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new Result(process.exitValue(), output);
    }
}
