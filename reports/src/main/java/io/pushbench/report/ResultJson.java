package io.pushbench.report;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.pushbench.core.gate.Check;
import io.pushbench.core.gate.Thresholds;
import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.ResultFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the {@code result.json} of a result directory for a report, turning every way it can be
 * missing or malformed into a {@link ReportInputException} of one line naming the file.
 */
final class ResultJson {

    /** Reads a result file of one kind: {@link ResultFiles#read} or {@link ResultFiles#readCapacity}. */
    @FunctionalInterface
    interface Reader<T> {
        T read(Path dir) throws IOException;
    }

    private ResultJson() {
    }

    /**
     * Reads {@code result.json} from {@code dir}.
     *
     * @throws ReportInputException if the directory or its {@code result.json} is missing, unreadable,
     *                              malformed or empty
     */
    static <T> T read(Path dir, Reader<T> reader) throws ReportInputException {
        Path json = jsonOf(dir);
        T result;
        try {
            result = reader.read(dir);
        } catch (JsonProcessingException e) {
            throw malformed(json, e);
        } catch (IOException e) {
            throw new ReportInputException(json + ": cannot read (" + e.getMessage() + ")");
        }
        if (result == null) {
            throw new ReportInputException(json + ": malformed JSON: empty");
        }
        return result;
    }

    /**
     * Whether {@code dir} holds a capacity run's result ({@value CapacityResult#FORMAT}) rather than
     * a compare run's.
     *
     * @throws ReportInputException as {@link #read} does
     */
    static boolean isCapacity(Path dir) throws ReportInputException {
        Path json = jsonOf(dir);
        try {
            return ResultFiles.formatOf(dir).startsWith("pushbench-capacity/");
        } catch (JsonProcessingException e) {
            throw malformed(json, e);
        } catch (IOException e) {
            throw new ReportInputException(json + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /**
     * The checks of the run's thresholds that {@code result.json} holds under
     * {@value Thresholds#RESULT_FIELD}; empty when the run had none.
     *
     * @throws ReportInputException as {@link #read} does, or when the field is malformed
     */
    static List<Check> thresholds(Path dir) throws ReportInputException {
        Path json = jsonOf(dir);
        try {
            List<Check> checks = ResultFiles.readField(dir, Thresholds.RESULT_FIELD, new TypeReference<List<Check>>() { });
            return checks == null ? List.of() : checks;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ReportInputException(json + ": malformed " + Thresholds.RESULT_FIELD + ": "
                    + firstLine(e.getMessage()));
        } catch (IOException e) {
            throw new ReportInputException(json + ": cannot read (" + e.getMessage() + ")");
        }
    }

    private static Path jsonOf(Path dir) throws ReportInputException {
        if (!Files.isDirectory(dir)) {
            throw new ReportInputException(dir + ": " + (Files.exists(dir) ? "not a directory" : "no such directory"));
        }
        Path json = dir.resolve(ResultFiles.RESULT_JSON);
        if (!Files.isRegularFile(json)) {
            throw new ReportInputException(dir + ": no " + ResultFiles.RESULT_JSON + " (not a pushbench result directory)");
        }
        return json;
    }

    private static ReportInputException malformed(Path json, JsonProcessingException e) {
        return new ReportInputException(json + ": malformed JSON" + where(e.getLocation()) + ": "
                + firstLine(e.getOriginalMessage()));
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
