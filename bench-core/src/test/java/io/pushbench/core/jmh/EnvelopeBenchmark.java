package io.pushbench.core.jmh;

import io.pushbench.core.envelope.Envelope;
import io.pushbench.core.envelope.EnvelopeCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/** Encoding an envelope (the publisher, per message) and finding it again (the receiver, per delivery). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EnvelopeBenchmark {

    @Param({"64", "256", "16384"})
    public int size;

    private String encoded;
    private long sequence;

    @Setup
    public void setUp() {
        encoded = EnvelopeCodec.encode(new Envelope(123_456, System.nanoTime(), System.nanoTime() + 1000), size);
    }

    @Benchmark
    public String encode() {
        long now = System.nanoTime();
        return EnvelopeCodec.encode(new Envelope(sequence++, now, now), size);
    }

    @Benchmark
    public Envelope decode() {
        return EnvelopeCodec.decode(encoded);
    }
}
