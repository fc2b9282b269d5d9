package io.pushbench.report;

import io.pushbench.core.result.FloorResult;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.RunResult;
import io.pushbench.core.result.TransportResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A result directory read from its files: {@code result.json} and each transport's histogram log.
 * This is where reports start; nothing here is a live object of a run.
 *
 * @param dir        the result directory
 * @param run        what {@code result.json} holds
 * @param transports one entry per result, in the order they ran
 * @param floor      the raw TCP floor measured with them, or {@code null} when the run has none
 */
record RunStats(Path dir, RunResult run, List<TransportStats> transports, FloorStats floor) {

    RunStats {
        transports = List.copyOf(transports);
    }

    /**
     * Reads a result directory.
     *
     * @throws ReportInputException naming the directory or file when it is missing or malformed,
     *                              or a histogram log named by {@code result.json} is missing
     */
    static RunStats load(Path dir) throws ReportInputException {
        RunResult run = ResultJson.read(dir, ResultFiles::read);
        Path json = dir.resolve(ResultFiles.RESULT_JSON);
        List<TransportStats> transports = new ArrayList<>();
        for (int i = 0; i < run.results().size(); i++) {
            TransportResult result = run.results().get(i);
            if (result == null || result.transport() == null || result.client() == null) {
                throw new ReportInputException(json + ": results[" + i + "] names no transport or client");
            }
            HistogramLog log = result.histogramLog() == null ? null
                    : HistogramLog.read(dir.resolve(result.histogramLog()));
            transports.add(new TransportStats(result, log));
        }
        FloorResult floor = run.floor();
        FloorStats floorStats = floor == null ? null : new FloorStats(floor,
                floor.histogramLog() == null ? null : HistogramLog.read(dir.resolve(floor.histogramLog())));
        return new RunStats(dir, run, transports, floorStats);
    }

    /** The transport with this label, or {@code null}. */
    TransportStats find(String label) {
        return transports.stream().filter(t -> t.label().equals(label)).findFirst().orElse(null);
    }

    /** Whether {@code result.json} says the run neither finished nor was interrupted: it was killed mid-run. */
    boolean unfinished() {
        return run.finishedAt() == null && !run.interrupted();
    }

    /**
     * Histogram logs in the directory that {@code result.json} names for no transport, by file
     * name: those of a transport that was running when the run was killed.
     */
    List<String> unreportedLogs() {
        List<String> named = new ArrayList<>();
        if (floor != null && floor.log() != null) {
            named.add(floor.log().fileName());
        }
        transports.stream().filter(t -> t.log() != null).forEach(t -> named.add(t.log().fileName()));
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".hlog") && !named.contains(name)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The histogram logs that ended early, by file name: the floor's first, then the transports'. */
    List<String> truncatedLogs() {
        List<HistogramLog> logs = new ArrayList<>();
        if (floor != null && floor.log() != null) {
            logs.add(floor.log());
        }
        transports.stream().map(TransportStats::log).filter(Objects::nonNull).forEach(logs::add);
        return logs.stream().filter(HistogramLog::truncated).map(HistogramLog::fileName).toList();
    }
}
