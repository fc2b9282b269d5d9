package io.pushbench.core.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.ReferenceCountUtil;
import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.record.WireCounter;
import io.pushbench.core.driver.websocket.DeliveringHandshaker;
import io.pushbench.core.driver.sse.EventStreamBodyDecoder;
import io.pushbench.core.driver.longpoll.NettyLongPollingDriver;
import io.pushbench.core.driver.ssehttp2.Http2ClientHandler;
import io.pushbench.core.driver.ssehttp2.Http2ClientStream;
import io.pushbench.core.driver.ssehttp2.Http2StreamEvents;
import io.pushbench.core.driver.netty.WholeResponseReader;
import io.pushbench.core.driver.websocket.NettyWebSocketDriver;
import io.pushbench.core.netty.WireCountingHandler;
import io.pushbench.core.engine.BenchReceiver;
import io.pushbench.core.sse.SseParser;
import io.pushbench.core.text.MessageText;
import io.pushbench.core.transport.PollBatchFormat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The whole per-message receive path of each Netty driver, one message per operation: the bytes
 * of one socket read go through the driver's Netty pipeline (frame or HTTP decoding), the driver's
 * message decoding (the SSE parser, the poll batch reader) and the engine's {@code Receiver}
 * (envelope, latency recording, sequence tracking, fan-out spread) of a broadcast subscriber. Run
 * it with {@code -prof gc}: the goal is 0 B/op, since garbage made per message would put the
 * generator's own collector into what it measures.
 *
 * <p>Each operation is what one socket read does in a driver: a buffer of the channel's allocator
 * ({@code ioBuffer}, as a read loop takes one) filled with one message's wire bytes, then
 * {@code channelRead} and {@code channelReadComplete} on an {@link EmbeddedChannel} holding the
 * driver's pipeline, handshake done. What a socket read adds (the syscall, TLS) is left out; what
 * the channel writes back (HTTP/2 WINDOW_UPDATEs) is drained and dropped. Every message carries a
 * new sequence number, written into the bytes in place, so that each is tracked as new.
 *
 * <ul>
 *   <li>{@code websocket}: one unmasked text frame; {@code WebSocketClientProtocolHandler} after a
 *       real upgrade, with the driver's {@link DeliveringHandshaker}, whose frame decoder hands
 *       the message to the receiver.</li>
 *   <li>{@code sseHttp1}: one chunk of a chunked {@code text/event-stream} response holding one
 *       event ({@code id:} and {@code data:} lines, as the reference server writes them); after
 *       {@code HttpClientCodec} read the headers, the driver's {@link EventStreamBodyDecoder}
 *       feeding the {@link SseParser}.</li>
 *   <li>{@code sseHttp2}: one DATA frame holding one event on an open stream; the driver's
 *       {@link Http2ClientHandler} (Netty's HTTP/2 connection handler, DATA frames read in place),
 *       then the stream's events feeding the {@link SseParser}.</li>
 *   <li>{@code longPolling}: one whole poll answer holding one message (the worst case: a batch
 *       of one); the driver's answer handler ({@link WholeResponseReader}) reading the answer from its
 *       bytes, and the batch. The next poll the driver writes is the send side, left out.</li>
 * </ul>
 *
 * The handlers at the end of the SSE and long-polling pipelines do what the driver's handler does
 * with a message, in the same calls (the drivers' handlers are private to their connections).
 *
 * <p>Netty's leak detector is off, as the {@code pushbench} command runs: at its default level it
 * records a stack trace for about one buffer in 128, which is garbage and time per message. The
 * benchmark runs on a Netty thread ({@link EventLoopThreads}), as a driver's event loop does, so
 * that Netty's allocator caches buffers per thread as it does there.
 *
 * <p>Allocation is that of a warmed-up path: until the JIT compiler has compiled it, some of
 * Netty's short-lived objects are not yet optimised away. Under load, or with short warm-ups, the
 * first iterations can show a few bytes per message that later ones do not.
 */
@BenchmarkMode(Mode.AverageTime)
@Fork(jvmArgsAppend = {"-D" + ReceivePathBenchmark.LEAK_DETECTION + "=disabled", "-Djmh.executor=CUSTOM",
        "-Djmh.executor.class=io.pushbench.core.jmh.EventLoopThreads"})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReceivePathBenchmark {

    /** Netty's system property for its leak detector's level. */
    static final String LEAK_DETECTION = "io.netty.leakDetection.level";
    /** Sequence numbers planned up front and tracked; past them they start again (and count as duplicates). */
    static final int PLANNED_MESSAGES = 1 << 27;
    /** Digits of the sequence number (and SSE id, poll id) in the wire bytes, zero-padded so that they are written in place. */
    static final int SEQUENCE_DIGITS = 10;

    @Benchmark
    public void websocket(WebSocketPath path) {
        path.receiveOne();
    }

    @Benchmark
    public void sseHttp1(SseHttp1Path path) {
        path.receiveOne();
    }

    @Benchmark
    public void sseHttp2(SseHttp2Path path) {
        path.receiveOne();
    }

    @Benchmark
    public void longPolling(LongPollingPath path) {
        path.receiveOne();
    }

    /** One driver's channel and the engine's receiver behind it, fed one message's wire bytes per operation. */
    @State(Scope.Thread)
    public abstract static class WirePath {

        /** Size of each message (the envelope and its padding), bytes. */
        @Param("64")
        public int messageBytes;

        final BenchReceiver receiver = new BenchReceiver(PLANNED_MESSAGES);
        final WireCountingHandler wireCounter = new WireCountingHandler(new WireCounter());
        EmbeddedChannel channel;
        private byte[] wire;
        private int[] digitsAt;
        private long sequence;
        private long received;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            channel = open();
            drainOutbound(channel);
        }

        /** The driver's channel, ready to receive messages. */
        abstract EmbeddedChannel open() throws Exception;

        /**
         * Sets the bytes of one message on the wire (one char per byte), and where in them the
         * zero-padded digits of its sequence number (and of ids that follow it) are.
         */
        final void wire(String text, int... digitsAt) {
            this.wire = text.getBytes(StandardCharsets.ISO_8859_1);
            this.digitsAt = digitsAt;
        }

        /** The envelope every message carries, its sequence number zero-padded to {@value #SEQUENCE_DIGITS} digits. */
        final String envelope() {
            return Wire.envelope(messageBytes);
        }

        final void receiveOne() {
            ByteBuf read = channel.alloc().ioBuffer(wire.length);
            read.writeBytes(wire);
            long seq = sequence;
            sequence = seq + 1 == PLANNED_MESSAGES ? 0 : seq + 1;
            for (int at : digitsAt) {
                Wire.writeDigits(read, at, seq);
            }
            channel.pipeline().fireChannelRead(read);
            channel.pipeline().fireChannelReadComplete();
            drainOutbound(channel);
            received++;
        }

        /** A benchmark that lost its messages would look fast: every one must have reached the receiver, decoded. */
        @TearDown(Level.Trial)
        public void check() {
            channel.finishAndReleaseAll();
            if (receiver.messages() != received || receiver.errors() != 0 || receiver.delivered() == 0) {
                throw new IllegalStateException(getClass().getSimpleName() + ": " + received + " messages fed, "
                        + receiver.messages() + " received, " + receiver.delivered() + " delivered, "
                        + receiver.errors() + " errors");
            }
        }

        static void drainOutbound(EmbeddedChannel channel) {
            Object out;
            while ((out = channel.readOutbound()) != null) {
                ReferenceCountUtil.release(out);
            }
        }
    }

    /** {@code NettyWebSocketDriver}'s pipeline after the upgrade. */
    public static class WebSocketPath extends WirePath {

        @Override
        EmbeddedChannel open() {
            WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                    .webSocketUri(URI.create("ws://localhost/ws"))
                    .maxFramePayloadLength(NettyWebSocketDriver.MAX_MESSAGE_BYTES)
                    .dropPongFrames(false)
                    .build();
            EmbeddedChannel ch = new EmbeddedChannel(wireCounter, new HttpClientCodec(),
                    new HttpObjectAggregator(64 * 1024), new WebSocketClientProtocolHandler(
                            new DeliveringHandshaker(config, receiver.listener(), receiver.connection()), config),
                    new WebSocketFrameAggregator(NettyWebSocketDriver.MAX_MESSAGE_BYTES));
            Wire.upgrade(ch);
            String envelope = envelope();
            String header = Wire.textFrameHeader(envelope.length());
            wire(header + envelope, header.length() + Wire.SEQUENCE_AT);
            return ch;
        }
    }

    /** {@code NettySseDriver}'s pipeline once the event stream's response headers arrived. */
    public static class SseHttp1Path extends WirePath {

        @Override
        EmbeddedChannel open() {
            SseParser parser = new SseParser(new EventsToReceiver(receiver));
            EmbeddedChannel ch = new EmbeddedChannel(wireCounter, new HttpClientCodec(), new StreamHandler(parser));
            ch.writeInbound(Wire.ascii("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n"
                    + "cache-control: no-cache\r\ntransfer-encoding: chunked\r\n\r\n"));
            String event = Wire.sseEvent(envelope());
            String chunk = Integer.toHexString(event.length()) + "\r\n";
            wire(chunk + event + "\r\n", chunk.length() + Wire.SSE_ID_AT, chunk.length() + Wire.SSE_SEQUENCE_AT);
            return ch;
        }

        /** What the driver's stream handler does with the response: hands its body to an {@link EventStreamBodyDecoder}. */
        private static final class StreamHandler extends SimpleChannelInboundHandler<HttpObject>
                implements EventStreamBodyDecoder.Events {
            private final SseParser parser;

            StreamHandler(SseParser parser) {
                this.parser = parser;
            }

            @Override
            protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
                if (msg instanceof HttpResponse response && HttpResponseStatus.OK.equals(response.status())) {
                    EventStreamBodyDecoder.replaceHttpDecoder(ctx, response, parser, this);
                }
            }

            @Override
            public void ended(ChannelHandlerContext ctx) {
                throw new IllegalStateException("the event stream ended");
            }

            @Override
            public void failed(ChannelHandlerContext ctx, String reason, Throwable cause) {
                throw new IllegalStateException("the event stream failed: " + reason, cause);
            }
        }
    }

    /** {@code NettySseHttp2Driver}'s connection with one open event stream. */
    public static class SseHttp2Path extends WirePath {

        private EmbeddedChannel server;

        @Override
        EmbeddedChannel open() throws Exception {
            Http2ClientHandler http2 = Http2ClientHandler.create(new ConnectionEvents());
            EmbeddedChannel ch = new EmbeddedChannel(wireCounter, http2);
            server = Wire.http2EventStreamServer();
            Wire.exchange(ch, server);
            SseParser parser = new SseParser(new EventsToReceiver(receiver));
            Http2ClientStream stream = http2.open(new StreamEvents(parser));
            Wire.exchange(ch, server);
            String event = Wire.sseEvent(envelope());
            String header = Wire.http2DataFrameHeader(event.length(), stream.id());
            wire(header + event, header.length() + Wire.SSE_ID_AT, header.length() + Wire.SSE_SEQUENCE_AT);
            return ch;
        }

        @Override
        public void check() {
            server.finishAndReleaseAll();
            super.check();
        }

        /** A connection that must not fail while it is measured. */
        private static final class ConnectionEvents implements Http2ClientHandler.ConnectionEvents {
            @Override
            public void settingsRead(int maxStreams) {
            }

            @Override
            public void goAwayRead(Http2Error error) {
                throw new IllegalStateException("the server went away: " + error);
            }

            @Override
            public void connectionError(Throwable cause) {
                throw new IllegalStateException("the HTTP/2 connection failed", cause);
            }
        }

        /** What the subscription's stream handler does: requests the stream, then feeds its DATA frames to the parser. */
        private static final class StreamEvents implements Http2StreamEvents {
            private final SseParser parser;
            private boolean answered;

            StreamEvents(SseParser parser) {
                this.parser = parser;
            }

            @Override
            public void opened(Http2ClientStream stream) {
                stream.writeHeaders(Wire.http2EventStreamRequest().headers(), true);
            }

            @Override
            public void headersRead(Http2Headers headers, boolean endStream) {
                answered = "200".contentEquals(headers.status());
            }

            @Override
            public void dataRead(ByteBuf data, boolean endStream) {
                long receivedNanos = System.nanoTime();
                if (answered) {
                    parser.feed(data, receivedNanos);
                }
            }

            @Override
            public void resetByServer(Http2Error error) {
                throw new IllegalStateException("the server reset the event stream: " + error);
            }

            @Override
            public void failed(Throwable cause) {
                throw new IllegalStateException("the event stream failed", cause);
            }

            @Override
            public void closed() {
                throw new IllegalStateException("the event stream closed");
            }
        }
    }

    /** {@code NettyLongPollingDriver}'s pipeline on a keep-alive connection. */
    public static class LongPollingPath extends WirePath {

        @Override
        EmbeddedChannel open() {
            EmbeddedChannel ch = new EmbeddedChannel(wireCounter, new AnswerHandler(receiver.listener(), receiver.connection()));
            String envelope = envelope();
            String body = "0".repeat(SEQUENCE_DIGITS) + " " + envelope + "\n";
            String head = "HTTP/1.1 200 OK\r\ncontent-type: text/plain; charset=utf-8\r\ncache-control: no-store\r\n"
                    + PollBatchFormat.LAST_ID_HEADER + ": ";
            String rest = "\r\ncontent-length: " + body.length() + "\r\n\r\n";
            int bodyAt = head.length() + SEQUENCE_DIGITS + rest.length();
            wire(head + "0".repeat(SEQUENCE_DIGITS) + rest + body,
                    head.length(), bodyAt, bodyAt + SEQUENCE_DIGITS + 1 + Wire.SEQUENCE_AT);
            return ch;
        }

        /** What the driver's answer handler does with a poll answer (its next poll aside). */
        private static final class AnswerHandler extends WholeResponseReader implements PollBatchFormat.LineHandler {
            private final ConnectionListener listener;
            private final PushConnection connection;
            private final MessageText text = new MessageText();
            private long receivedNanos;
            long lastId;
            boolean keepAlive;

            AnswerHandler(ConnectionListener listener, PushConnection connection) {
                super(NettyLongPollingDriver.MAX_RESPONSE_BYTES);
                this.listener = listener;
                this.connection = connection;
            }

            @Override
            protected void response(ChannelHandlerContext ctx, Response response) {
                receivedNanos = System.nanoTime();
                if (response.status() != 200) {
                    throw new IllegalStateException("poll answered " + response.status());
                }
                lastId = response.headerNumber(PollBatchFormat.LAST_ID_HEADER, -1);
                PollBatchFormat.decode(response.body(), text, this);
                keepAlive = response.keepAlive();
            }

            @Override
            public void onMessage(long id, CharSequence message) {
                listener.onMessage(connection, message, receivedNanos);
            }
        }
    }

    /** What the SSE drivers do with an event: hand its data to their listener. */
    private static final class EventsToReceiver implements SseParser.Listener {
        private final ConnectionListener listener;
        private final PushConnection connection;

        EventsToReceiver(BenchReceiver receiver) {
            this.listener = receiver.listener();
            this.connection = receiver.connection();
        }

        @Override
        public void onEvent(CharSequence lastEventId, CharSequence type, CharSequence data, long receivedNanos) {
            listener.onMessage(connection, data, receivedNanos);
        }
    }
}
