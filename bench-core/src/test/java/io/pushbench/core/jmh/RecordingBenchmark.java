package io.pushbench.core.jmh;

import io.pushbench.core.record.LatencyRecorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * The cost of recording one latency on the hot path (every received message does it twice).
 * Run with {@code -prof gc}: the goal is 0 B/op, since an allocation per message would put
 * the generator's garbage collector into the measurement.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RecordingBenchmark {

    private final LatencyRecorder recorder = new LatencyRecorder("bench");
    private long value = 1;

    @Benchmark
    public void recordOneLatency() {
        // Values walk through the microsecond-to-second range so that buckets vary as in a real run.
        value = (value * 6364136223846793005L + 1442695040888963407L) & 0x3FFFFFFFL;
        recorder.record(value);
    }
}
