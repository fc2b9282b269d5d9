package io.pushbench.cli;

import io.pushbench.core.engine.CapacityRun;
import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.ResultFiles;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Keeps a capacity run's {@code result.json} current: rewritten after every step, so that an
 * interrupted run keeps the steps it finished; passes the steps and seconds on to the live
 * progress, if any. Calls come from the run's thread and the histogram log's thread.
 */
final class CapacityListener implements CapacityRun.Listener {

    private final Path dir;
    private final CapacityProgress progress;

    /** @param progress the live console, or null for none */
    CapacityListener(Path dir, CapacityProgress progress) {
        this.dir = dir;
        this.progress = progress;
    }

    /**
     * Writes a capacity run's {@code result.json} into {@code dir}.
     *
     * @throws UserError naming {@code --out} when it cannot be written
     */
    static void write(Path dir, CapacityResult result) {
        try {
            ResultFiles.write(dir, result);
        } catch (IOException e) {
            throw UserError.failure("--out " + dir + ": cannot write " + ResultFiles.RESULT_JSON + ": " + e.getMessage());
        }
    }

    @Override
    public void onStepStart(int index, int steps, int connections, double rate) {
        if (progress != null) {
            progress.onStepStart(index, steps, connections, rate);
        }
    }

    @Override
    public void onTick(CapacityRun.Tick tick) {
        if (progress != null) {
            progress.onTick(tick);
        }
    }

    @Override
    public void onStep(CapacityResult.Step step, CapacityResult soFar) {
        write(dir, soFar);
        if (progress != null) {
            progress.onStep(step, soFar);
        }
    }
}
