package io.pushbench.report;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
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
        if (!Files.isDirectory(dir)) {
            throw new ReportInputException(dir + ": " + (Files.exists(dir) ? "not a directory" : "no such directory"));
        }
        Path json = dir.resolve(ResultFiles.RESULT_JSON);
        if (!Files.isRegularFile(json)) {
            throw new ReportInputException(dir + ": no " + ResultFiles.RESULT_JSON + " (not a pushbench result directory)");
        }
        RunResult run;
        try {
            run = ResultFiles.read(dir);
        } catch (JsonProcessingException e) {
            throw new ReportInputException(json + ": malformed JSON" + where(e.getLocation()) + ": "
                    + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ReportInputException(json + ": cannot read (" + e.getMessage() + ")");
        }
        if (run == null) {
            throw new ReportInputException(json + ": malformed JSON: empty");
        }
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

    /** The histogram logs that ended early, by file name: the floor's first, then the transports'. */
    List<String> truncatedLogs() {
        List<HistogramLog> logs = new ArrayList<>();
        if (floor != null && floor.log() != null) {
            logs.add(floor.log());
        }
        transports.stream().map(TransportStats::log).filter(Objects::nonNull).forEach(logs::add);
        return logs.stream().filter(HistogramLog::truncated).map(HistogramLog::fileName).toList();
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
