package io.pushbench.cli;

import io.pushbench.core.gate.Check;
import io.pushbench.core.gate.Thresholds;
import io.pushbench.core.result.ResultFiles;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * The checks of a gate on the console and in {@code result.json}: a line with the tally, then one
 * line per check ({@code failed: websocket p99<1us: p99 523 us >= 1 us}), so that a build log names
 * every violation.
 */
final class GateChecks {

    private GateChecks() {
    }

    /** Prints {@code what} (e.g. {@code thresholds}) with its tally, then each check on a line of its own. */
    static void print(PrintWriter console, String what, List<Check> checks) {
        console.println(what + ": " + Check.tally(checks));
        checks.forEach(c -> console.println("  " + c.line()));
    }

    /**
     * Keeps the checks of a run's thresholds in the {@code result.json} of {@code dir}.
     *
     * @throws UserError naming the file when it cannot be written
     */
    static void keep(Path dir, List<Check> checks) {
        try {
            ResultFiles.putField(dir, Thresholds.RESULT_FIELD, checks);
        } catch (IOException e) {
            throw UserError.failure(dir.resolve(ResultFiles.RESULT_JSON) + ": cannot record the thresholds ("
                    + e.getMessage() + ")");
        }
    }

    /** The exit code of a run that otherwise ended with {@code code}: {@value PushBench#EXIT_THRESHOLD} when a check failed. */
    static int exitCode(List<Check> checks, int code) {
        return code == 0 && Check.anyFailed(checks) ? PushBench.EXIT_THRESHOLD : code;
    }
}
