package io.pushbench.core.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.pushbench.core.envelope.Envelope;
import io.pushbench.core.envelope.EnvelopeCodec;
import io.pushbench.core.sse.SseEvents;
import io.pushbench.core.sse.SseParser;
import okhttp3.sse.internal.ServerSentEventReader;
import okio.Buffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Our {@link SseParser} against OkHttp's SSE reader on the same event stream, in MB/s: one
 * operation is one byte of input, and the output unit is operations per microsecond, so the
 * score reads directly as MB/s (10<sup>6</sup> bytes per second).
 *
 * <p>The input is what the reference server writes to a subscriber: {@value #EVENTS} events, each
 * an {@code id:} line and one {@code data:} line holding a {@value #ENVELOPE_BYTES}-byte envelope,
 * with a {@code ": hb"} heartbeat comment every {@value #HEARTBEAT_EVERY} events. Each side parses
 * the whole stream per invocation in its own stack's natural form and hands every event's id,
 * type and data to a {@link Blackhole}:
 * <ul>
 *   <li>pushbench: a direct Netty buffer (as a socket read fills it) fed in
 *       {@value #READ_BYTES}-byte reads, as our driver feeds it;</li>
 *   <li>OkHttp: {@code okhttp3.sse.internal.ServerSentEventReader} (okhttp-sse's internal class,
 *       what {@code EventSources} uses; internal API, fine for a benchmark) reading an okio
 *       {@link Buffer}, a segment-sharing copy of the input so that no bytes are copied per
 *       invocation.</li>
 * </ul>
 * Each side hands over what its listener gets: ours reusable views of its own buffers (each
 * value checked to be ASCII, as a view may only show ASCII; nothing copied into a string), OkHttp
 * a new string per value. Ours also reports each comment (heartbeats); OkHttp skips them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SseParserBenchmark {

    static final int EVENTS = 4096;
    static final int ENVELOPE_BYTES = 256;
    static final int HEARTBEAT_EVERY = 64;
    static final int READ_BYTES = 8192;
    /** Ids are seven digits so that the stream's length is the constant {@link #INPUT_BYTES} (checked in setup). */
    private static final long FIRST_ID = 1_000_000;
    /** {@code "id: 1000000\n"}. */
    private static final int ID_LINE = 12;
    /** {@code "data: "}, the envelope, LF. */
    private static final int DATA_LINE = 6 + ENVELOPE_BYTES + 1;
    /** {@code ": hb\n"}. */
    private static final int COMMENT_LINE = 5;
    /** Bytes of the input stream: the number of operations in one invocation. */
    static final int INPUT_BYTES = EVENTS * (ID_LINE + DATA_LINE + 1) + EVENTS / HEARTBEAT_EVERY * COMMENT_LINE;

    private ByteBuf input;
    private Buffer okioInput;
    private final Sink sink = new Sink();

    @Setup
    public void setUp() {
        input = Unpooled.directBuffer(INPUT_BYTES);
        long now = System.nanoTime();
        for (int i = 0; i < EVENTS; i++) {
            if (i % HEARTBEAT_EVERY == 0) {
                SseEvents.writeComment(input, "hb");
            }
            String envelope = EnvelopeCodec.encode(new Envelope(i, now + i * 1000L, now + i * 1000L), ENVELOPE_BYTES);
            SseEvents.writeEvent(input, Long.toString(FIRST_ID + i), null, envelope);
        }
        if (input.readableBytes() != INPUT_BYTES) {
            throw new IllegalStateException("input is " + input.readableBytes() + " bytes, expected " + INPUT_BYTES);
        }
        okioInput = new Buffer();
        byte[] bytes = new byte[INPUT_BYTES];
        input.getBytes(0, bytes);
        okioInput.write(bytes);
    }

    @TearDown
    public void tearDown() {
        input.release();
    }

    @Benchmark
    @OperationsPerInvocation(INPUT_BYTES)
    public void pushbench(Blackhole blackhole) {
        sink.blackhole = blackhole;
        SseParser parser = new SseParser(sink);
        ByteBuf read = input.duplicate();
        for (int from = 0; from < INPUT_BYTES; from += READ_BYTES) {
            read.setIndex(from, Math.min(from + READ_BYTES, INPUT_BYTES));
            parser.feed(read, 0);
        }
        check(sink.events);
    }

    @Benchmark
    @OperationsPerInvocation(INPUT_BYTES)
    public void okhttp(Blackhole blackhole) throws IOException {
        sink.blackhole = blackhole;
        ServerSentEventReader reader = new ServerSentEventReader(okioInput.copy(), sink);
        while (reader.processNextEvent()) {
            // Each call reads one event and hands it to the sink.
        }
        check(sink.events);
    }

    /** A parser that missed events would look fast: every invocation must see all of them. */
    private void check(int events) {
        sink.events = 0;
        if (events != EVENTS) {
            throw new IllegalStateException("parsed " + events + " events, expected " + EVENTS);
        }
    }

    /** Consumes what either parser reports. */
    private static final class Sink implements SseParser.Listener, ServerSentEventReader.Callback {
        Blackhole blackhole;
        int events;

        @Override
        public void onEvent(CharSequence lastEventId, CharSequence type, CharSequence data, long receivedNanos) {
            events++;
            blackhole.consume(lastEventId);
            blackhole.consume(type);
            blackhole.consume(data);
        }

        @Override
        public void onEvent(String id, String type, String data) {
            events++;
            blackhole.consume(id);
            blackhole.consume(type);
            blackhole.consume(data);
        }

        @Override
        public void onRetryChange(long millis) {
            blackhole.consume(millis);
        }

        @Override
        public void onComment(CharSequence text) {
            blackhole.consume(text);
        }
    }
}
