package io.pushbench.report;

import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.ResultFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A capacity run's result directory read from its files: {@code result.json} and each step's
 * histogram log ({@code step-01.hlog}, ...). A step log that is missing or cut off does not stop
 * the report: the figures of every step are in {@code result.json}, so only the step's part of the
 * latency over time is left out, and {@link #missingLogs()} or {@link #truncatedLogs()} say so.
 *
 * @param dir         the result directory
 * @param run         what {@code result.json} holds
 * @param steps       one entry per step, in order: the step's figures as a transport's, and its log
 *                    ({@code null} when missing)
 * @param missingLogs the step logs named by {@code result.json} that are not in the directory
 */
record CapacityStats(Path dir, CapacityResult run, List<TransportStats> steps, List<String> missingLogs) {

    CapacityStats {
        steps = List.copyOf(steps);
        missingLogs = List.copyOf(missingLogs);
    }

    /**
     * Reads a capacity result directory.
     *
     * @throws ReportInputException naming the directory or file when it or its {@code result.json}
     *                              is missing or malformed, or a step holds no figures
     */
    static CapacityStats load(Path dir) throws ReportInputException {
        CapacityResult run = ResultJson.read(dir, ResultFiles::readCapacity);
        Path json = dir.resolve(ResultFiles.RESULT_JSON);
        if (run.steps() == null || run.verdict() == null) {
            throw new ReportInputException(json + ": no steps or no verdict (not a whole capacity result)");
        }
        List<TransportStats> steps = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < run.steps().size(); i++) {
            CapacityResult.Step step = run.steps().get(i);
            if (step == null || step.result() == null || step.result().transport() == null) {
                throw new ReportInputException(json + ": steps[" + i + "] holds no figures");
            }
            String name = step.result().histogramLog();
            HistogramLog log = null;
            if (name != null && Files.isRegularFile(dir.resolve(name))) {
                log = HistogramLog.read(dir.resolve(name));
            } else if (name != null) {
                missing.add(name);
            }
            steps.add(new TransportStats(step.result(), log));
        }
        return new CapacityStats(dir, run, steps, missing);
    }

    /** The step logs that ended early, by file name. */
    List<String> truncatedLogs() {
        return steps.stream().filter(t -> t.log() != null && t.log().truncated()).map(t -> t.log().fileName()).toList();
    }

    /** What a reader sees for each step: {@code step 1}, {@code step 2}, ... */
    List<String> stepLabels() {
        return run.steps().stream().map(s -> "step " + s.index()).toList();
    }

    /** The damaged input the page is rendered from anyway, one line each; empty when all is whole. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (String log : truncatedLogs()) {
            problems.add(dir.resolve(log) + ": histogram log truncated; rendered the intervals it holds");
        }
        for (String log : missingLogs) {
            problems.add(dir.resolve(log) + ": histogram log missing; the report leaves that step out of the "
                    + "latency over time");
        }
        return problems;
    }
}
