package io.pushbench.report;

import org.HdrHistogram.Histogram;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes each transport's latency distributions beside the report as {@code .hgrm} text, in
 * microseconds, the format HdrHistogram prints and its plotter reads: e.g.
 * {@code websocket-netty.push-corrected.hgrm}, or for a capacity step {@code step-03.rtt-corrected.hgrm}.
 */
final class HgrmFiles {

    /** Divides nanosecond values into microseconds in the output. */
    private static final double NANOS_PER_MICRO = 1000.0;

    private HgrmFiles() {
    }

    /**
     * Writes into {@code dir} the corrected and uncorrected distribution of every transport (or
     * capacity step) that has a log and recorded something.
     *
     * @return the file names written for each, corrected first
     */
    static Map<TransportStats, List<String>> write(Path dir, List<TransportStats> transports) throws IOException {
        Map<TransportStats, List<String>> written = new LinkedHashMap<>();
        for (TransportStats t : transports) {
            List<String> files = new ArrayList<>();
            write(dir, t, t.correctedMetric(), t.corrected(), files);
            write(dir, t, t.uncorrectedMetric(), t.uncorrected(), files);
            written.put(t, files);
        }
        return written;
    }

    private static void write(Path dir, TransportStats t, String metric, Histogram nanos, List<String> files)
            throws IOException {
        if (nanos.getTotalCount() == 0) {
            return;
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(text, true, StandardCharsets.US_ASCII)) {
            nanos.outputPercentileDistribution(out, NANOS_PER_MICRO);
        }
        String name = t.fileStem() + "." + metric + ".hgrm";
        Files.write(dir.resolve(name), text.toByteArray());
        files.add(name);
    }
}
