package io.pushbench.core.result;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Reads and writes a result directory: {@value #RESULT_JSON} and the histogram logs beside it.
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

    /** Writes {@code result.json} into {@code dir}, atomically: a reader never sees half a file. */
    public static void write(Path dir, RunResult result) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(RESULT_JSON + ".tmp");
        MAPPER.writeValue(tmp.toFile(), result);
        Files.move(tmp, dir.resolve(RESULT_JSON), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads {@code result.json} from a result directory. */
    public static RunResult read(Path dir) throws IOException {
        return MAPPER.readValue(dir.resolve(RESULT_JSON).toFile(), RunResult.class);
    }

    /** The mapper, for other JSON files of a result directory. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
