package io.pushbench.core.engine;

import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.ResultFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Keeps a staircase's {@code result.json} current (a capacity run's, or one transport's of a compare
 * staircase): rewritten after every step, so that an interrupted run keeps the steps it finished;
 * passes the steps and seconds on to the listener, if any. Calls come from the run's thread and the
 * histogram log's thread.
 */
public final class StepResults implements CapacityRun.Listener {

    private final Path dir;
    private final CapacityRun.Listener next;

    /** @param next who else sees the steps, or null */
    public StepResults(Path dir, CapacityRun.Listener next) {
        this.dir = dir;
        this.next = next;
    }

    /**
     * Writes {@code result} into {@code dir}.
     *
     * @throws UncheckedIOException when it cannot be written
     */
    public static void write(Path dir, CapacityResult result) {
        try {
            ResultFiles.write(dir, result);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(ResultFiles.RESULT_JSON) + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void onStepStart(int index, int steps, int connections, double rate) {
        if (next != null) {
            next.onStepStart(index, steps, connections, rate);
        }
    }

    @Override
    public void onTick(CapacityRun.Tick tick) {
        if (next != null) {
            next.onTick(tick);
        }
    }

    @Override
    public void onStep(CapacityResult.Step step, CapacityResult soFar) {
        write(dir, soFar);
        if (next != null) {
            next.onStep(step, soFar);
        }
    }
}
