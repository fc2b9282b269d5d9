package io.pushbench.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;

import java.util.List;

/**
 * Tells HTTP/2 with prior knowledge (RFC 9113 section 3.3) from HTTP/1.1 on a plaintext
 * connection by its first bytes: a client that knows the server speaks HTTP/2 starts with the
 * 24-byte connection preface {@code PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n}, which no HTTP/1.1 request
 * begins with. The detector reads until the bytes either differ from the preface (HTTP/1.1) or
 * match all of it (HTTP/2), installs that stack after itself and leaves, handing on every byte
 * it saw, the preface included (the HTTP/2 codec checks it again).
 *
 * <p>The {@code Upgrade: h2c} dance of RFC 7540 is not offered: RFC 9113 deprecates it, and
 * clients that want cleartext HTTP/2 use prior knowledge ({@code curl --http2-prior-knowledge}).
 *
 * <p>One instance per connection.
 */
final class PriorKnowledgeDetector extends ByteToMessageDecoder {

    private static final ByteBuf PREFACE = Http2CodecUtil.connectionPrefaceBuf();

    private final HttpStacks stacks;

    PriorKnowledgeDetector(HttpStacks stacks) {
        this.stacks = stacks;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int prefaceLength = PREFACE.readableBytes();
        int seen = Math.min(in.readableBytes(), prefaceLength);
        if (!ByteBufUtil.equals(in, in.readerIndex(), PREFACE, PREFACE.readerIndex(), seen)) {
            stacks.http1(ctx.pipeline());
            ctx.pipeline().remove(this);
        } else if (seen == prefaceLength) {
            stacks.http2(ctx.pipeline());
            ctx.pipeline().remove(this);
        }
        // Otherwise a prefix of the preface so far: wait for more bytes.
    }
}
