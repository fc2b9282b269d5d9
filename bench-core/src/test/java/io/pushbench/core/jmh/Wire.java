package io.pushbench.core.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.ReferenceCountUtil;
import io.pushbench.core.envelope.Envelope;
import io.pushbench.core.envelope.EnvelopeCodec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wire bytes and handshakes for {@link ReceivePathBenchmark}: what a server sends, as text with one
 * char per byte, and the exchanges that bring a client channel to where it receives messages.
 */
final class Wire {

    /** Where the sequence number's digits start in {@link #envelope}. */
    static final int SEQUENCE_AT = EnvelopeCodec.MARKER.length();
    /** Where the id's digits start in {@link #sseEvent}. */
    static final int SSE_ID_AT = "id: ".length();
    /** Where the envelope's sequence number's digits start in {@link #sseEvent}. */
    static final int SSE_SEQUENCE_AT = SSE_ID_AT + ReceivePathBenchmark.SEQUENCE_DIGITS + "\ndata: ".length()
            + SEQUENCE_AT;

    private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final Pattern WEBSOCKET_KEY = Pattern.compile("(?i)sec-websocket-key: *([^\r]+)\r\n");

    private Wire() {
    }

    /**
     * An envelope of {@code size} bytes sent now, its sequence number written as
     * {@value ReceivePathBenchmark#SEQUENCE_DIGITS} zeros for {@link #writeDigits} to fill in.
     */
    static String envelope(int size) {
        long now = System.nanoTime();
        String plain = EnvelopeCodec.encode(new Envelope(0, now, now), 0);
        String padded = EnvelopeCodec.MARKER + "0".repeat(ReceivePathBenchmark.SEQUENCE_DIGITS)
                + plain.substring(SEQUENCE_AT + 1);
        return padded.length() >= size ? padded : padded + "x".repeat(size - padded.length());
    }

    /** Writes {@code value} as {@value ReceivePathBenchmark#SEQUENCE_DIGITS} zero-padded decimal digits at {@code index}. */
    static void writeDigits(ByteBuf buf, int index, long value) {
        long rest = value;
        for (int i = index + ReceivePathBenchmark.SEQUENCE_DIGITS - 1; i >= index; i--) {
            buf.setByte(i, (int) ('0' + rest % 10));
            rest /= 10;
        }
    }

    /** One event as the reference server writes a broadcast: its id, then its data. */
    static String sseEvent(String data) {
        return "id: " + "0".repeat(ReceivePathBenchmark.SEQUENCE_DIGITS) + "\ndata: " + data + "\n\n";
    }

    /** The header of a final, unmasked text frame of {@code length} payload bytes (RFC 6455 5.2). */
    static String textFrameHeader(int length) {
        StringBuilder header = new StringBuilder().append((char) 0x81);
        if (length < 126) {
            header.append((char) length);
        } else if (length < 65536) {
            header.append((char) 126).append((char) (length >> 8)).append((char) (length & 0xFF));
        } else {
            header.append((char) 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                header.append((char) ((long) length >> shift & 0xFF));
            }
        }
        return header.toString();
    }

    /** The header of a DATA frame of {@code length} bytes on {@code streamId}, no flags (RFC 9113 6.1). */
    static String http2DataFrameHeader(int length, int streamId) {
        return new String(new char[] {(char) (length >> 16 & 0xFF), (char) (length >> 8 & 0xFF), (char) (length & 0xFF),
                0, 0, (char) (streamId >> 24 & 0x7F), (char) (streamId >> 16 & 0xFF), (char) (streamId >> 8 & 0xFF),
                (char) (streamId & 0xFF)});
    }

    static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
    }

    /** Answers the WebSocket upgrade the client wrote with a 101, as a server accepting it does. */
    static void upgrade(EmbeddedChannel client) {
        String request = readOutbound(client);
        Matcher key = WEBSOCKET_KEY.matcher(request);
        if (!key.find()) {
            throw new IllegalStateException("no upgrade request written: " + request);
        }
        String accept;
        try {
            accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key.group(1).trim() + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        client.writeInbound(ascii("HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: upgrade\r\n"
                + "sec-websocket-accept: " + accept + "\r\n\r\n"));
        if (client.pipeline().get(io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder.class) == null) {
            throw new IllegalStateException("the WebSocket upgrade did not complete");
        }
    }

    /** A server end of HTTP/2 that answers every request with {@code 200 text/event-stream} and keeps the stream open. */
    static EmbeddedChannel http2EventStreamServer() {
        return new EmbeddedChannel(Http2FrameCodecBuilder.forServer().build(), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof Http2HeadersFrame request) {
                    ctx.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200")
                            .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_EVENT_STREAM))
                            .stream(request.stream()));
                }
                ReferenceCountUtil.release(msg);
            }
        });
    }

    /** The request of an event stream, as the HTTP/2 driver sends it. */
    static Http2HeadersFrame http2EventStreamRequest() {
        return new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().method("GET").scheme("http")
                .authority("localhost").path("/sse").set(HttpHeaderNames.ACCEPT, HttpHeaderValues.TEXT_EVENT_STREAM),
                true);
    }

    /** Passes what each side writes to the other until neither has anything more to say. */
    static void exchange(EmbeddedChannel client, EmbeddedChannel server) {
        boolean moved = true;
        while (moved) {
            moved = pass(client, server) | pass(server, client);
        }
    }

    private static boolean pass(EmbeddedChannel from, EmbeddedChannel to) {
        boolean moved = false;
        ByteBuf out;
        while ((out = from.readOutbound()) != null) {
            to.writeInbound(out);
            moved = true;
        }
        return moved;
    }

    private static String readOutbound(EmbeddedChannel channel) {
        StringBuilder text = new StringBuilder();
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            text.append(out.toString(StandardCharsets.ISO_8859_1));
            out.release();
        }
        return text.toString();
    }
}
