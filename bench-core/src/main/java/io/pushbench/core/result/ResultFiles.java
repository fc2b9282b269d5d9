package io.pushbench.core.result;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads and writes a result directory: {@value #RESULT_JSON} (of a compare run, {@link RunResult}, or of a
 * capacity run, {@link CapacityResult}: {@link #formatOf} tells which) and the histogram logs beside it.
 * Durations are written as seconds. Thread-safe.
 */
public final class ResultFiles {

    /** Name of the result file in a result directory. */
    public static final String RESULT_JSON = "result.json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ResultFiles() {
    }

    /** The histogram log file name for one transport and client stack, e.g. {@code websocket-netty.hlog}. */
    public static String histogramLogName(Transport transport, ClientStack client) {
        return transport.id() + "-" + client.id() + ".hlog";
    }

    /**
     * The directory name of one transport and client stack's own results inside a run's directory, e.g.
     * {@code websocket-netty}: where {@code compare --rate FROM..TO/STEP} writes each transport's capacity result.
     */
    public static String transportDirName(Transport transport, ClientStack client) {
        return transport.id() + "-" + client.id();
    }

    /**
     * The capacity results in the subdirectories of {@code dir} (as {@code compare} writes one per transport for a
     * rate staircase), in the order of their transports and client stacks; empty when there are none.
     */
    public static List<CapacityResult> readCapacities(Path dir) throws IOException {
        List<CapacityResult> results = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.filter(c -> Files.isRegularFile(c.resolve(RESULT_JSON))).toList()) {
                if (CapacityResult.FORMAT.equals(formatOf(child))) {
                    results.add(readCapacity(child));
                }
            }
        }
        results.sort(Comparator.comparing((CapacityResult r) -> r.scenario().transport())
                .thenComparing(r -> r.scenario().client()));
        return results;
    }

    /** Writes {@code result.json} into {@code dir}, atomically: a reader never sees half a file. */
    public static void write(Path dir, RunResult result) throws IOException {
        writeAtomically(dir, result);
    }

    /** Writes a capacity run's {@code result.json} into {@code dir}, atomically. */
    public static void write(Path dir, CapacityResult result) throws IOException {
        writeAtomically(dir, result);
    }

    private static void writeAtomically(Path dir, Object result) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(RESULT_JSON + ".tmp");
        MAPPER.writeValue(tmp.toFile(), result);
        Files.move(tmp, dir.resolve(RESULT_JSON), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Sets one top-level field of the {@code result.json} in {@code dir} (e.g. the checks of a run's
     * thresholds), keeping the rest of the file as it is; atomically, as {@link #write} does.
     */
    public static void putField(Path dir, String field, Object value) throws IOException {
        ObjectNode tree = (ObjectNode) MAPPER.readTree(dir.resolve(RESULT_JSON).toFile());
        tree.set(field, MAPPER.valueToTree(value));
        writeAtomically(dir, tree);
    }

    /** One top-level field of the {@code result.json} in {@code dir}, or {@code null} when the file has none. */
    public static <T> T readField(Path dir, String field, TypeReference<T> type) throws IOException {
        JsonNode node = MAPPER.readTree(dir.resolve(RESULT_JSON).toFile()).get(field);
        return node == null || node.isNull() ? null : MAPPER.convertValue(node, type);
    }

    /** Reads {@code result.json} from a result directory. */
    public static RunResult read(Path dir) throws IOException {
        return MAPPER.readValue(dir.resolve(RESULT_JSON).toFile(), RunResult.class);
    }

    /** Reads a capacity run's {@code result.json} from a result directory. */
    public static CapacityResult readCapacity(Path dir) throws IOException {
        return MAPPER.readValue(dir.resolve(RESULT_JSON).toFile(), CapacityResult.class);
    }

    /**
     * The format of the {@code result.json} in {@code dir}: {@value RunResult#FORMAT} (read it with
     * {@link #read}) or {@value CapacityResult#FORMAT} (read it with {@link #readCapacity}).
     */
    public static String formatOf(Path dir) throws IOException {
        return MAPPER.readTree(dir.resolve(RESULT_JSON).toFile()).path("format").asText();
    }

    /** The histogram log file name of step {@code index} (from 1) of a capacity run, e.g. {@code step-03.hlog}. */
    public static String stepLogName(int index) {
        return String.format("step-%02d.hlog", index);
    }

    /** The mapper, for other JSON files of a result directory. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
