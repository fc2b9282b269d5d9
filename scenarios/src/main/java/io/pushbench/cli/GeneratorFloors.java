package io.pushbench.cli;

import io.pushbench.core.engine.compare.CompareGeneratorFloor;
import io.pushbench.core.genfloor.GeneratorFloorRun;
import io.pushbench.core.result.GeneratorFloorResult;
import io.pushbench.core.spec.Ramp;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * How the generator floor ({@link GeneratorFloorRun}) is told on the console, for {@code compare}
 * and {@code capacity}: the line before it, its figure, and why one was not measured. Which floor a
 * comparison measures is the engine's ({@link CompareGeneratorFloor}).
 */
final class GeneratorFloors {

    private GeneratorFloors() {
    }

    /** The progress line before a floor: what runs, at what load, for how long at most. */
    static String announce(String client, int connections, double rate, int size) {
        return String.format(Locale.ROOT, "measuring the generator floor: %s, %d connections, %s msg/s, %d B "
                        + "(warm-up at most %s, %s more while the JIT compiles; measured at most %s)", client,
                connections, Ramp.format(rate), size, Durations.format(GeneratorFloorRun.MAX_WARMUP),
                Durations.format(GeneratorFloorRun.MAX_SETTLING), Durations.format(GeneratorFloorRun.MAX_MEASURED));
    }

    /**
     * Runs {@code run}, printing why when it cannot be measured.
     *
     * @return the floor, or null when it failed or was stopped
     */
    static GeneratorFloorResult measure(GeneratorFloorRun run, PrintWriter progress) throws InterruptedException {
        return CompareGeneratorFloor.measure(run, why -> print(progress, "generator floor: not measured: " + why));
    }

    /** A floor's one-line figure, e.g. {@code 9.3 us of CPU per round trip (server 4.1)}. */
    static String figure(GeneratorFloorResult floor) {
        return String.format(Locale.ROOT, "%.1f us of client CPU per %s%s", floor.cpuMicrosPerMessage(),
                floor.perWhat(), floor.serverCpuMicrosPerMessage() < 0 ? ""
                        : String.format(Locale.ROOT, " (server %.1f)", floor.serverCpuMicrosPerMessage()));
    }

    static void print(PrintWriter progress, String line) {
        if (progress != null) {
            progress.println(line);
        }
    }
}
