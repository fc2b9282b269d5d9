package io.pushbench.core.driver.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WholeResponseReaderTest {

    /** Keeps what it was handed: each response's status and body, and the failures. */
    private static final class Kept extends WholeResponseReader {
        final List<String> responses = new ArrayList<>();
        final List<Throwable> failures = new ArrayList<>();

        Kept(int maxBodyBytes) {
            super(maxBodyBytes);
        }

        @Override
        protected void response(ChannelHandlerContext ctx, HttpResponse head, ByteBuf body) {
            responses.add(head.status().code() + " " + head.headers().get("x-id") + " "
                    + body.toString(StandardCharsets.UTF_8));
        }

        @Override
        protected void tooLarge(ChannelHandlerContext ctx, TooLongFrameException cause) {
            failures.add(cause);
        }

        @Override
        protected void malformed(ChannelHandlerContext ctx, Throwable cause) {
            failures.add(cause);
        }
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
    }

    @Test
    void aResponseInOneReadAndOneSplitOverThreeReadsArriveWholeInOrder() {
        Kept kept = new Kept(1024);
        EmbeddedChannel ch = new EmbeddedChannel(new HttpResponseDecoder(), kept);
        ch.writeInbound(bytes("HTTP/1.1 200 OK\r\nx-id: 1\r\ncontent-length: 5\r\n\r\nhello"));
        ch.writeInbound(bytes("HTTP/1.1 200 OK\r\nx-id: 2\r\ncontent-length: 11\r\n\r\nhel"));
        ch.writeInbound(bytes("lo wo"));
        ch.writeInbound(bytes("rld"));
        assertThat(kept.responses).containsExactly("200 1 hello", "200 2 hello world");
        assertThat(kept.failures).isEmpty();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aChunkedResponseAndAnEmptyOneArriveWhole() {
        Kept kept = new Kept(1024);
        EmbeddedChannel ch = new EmbeddedChannel(new HttpResponseDecoder(), kept);
        ch.writeInbound(bytes("HTTP/1.1 200 OK\r\nx-id: 3\r\ntransfer-encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\n"));
        ch.writeInbound(bytes("HTTP/1.1 204 No Content\r\nx-id: 4\r\n\r\n"));
        assertThat(kept.responses).containsExactly("200 3 abcdefg", "204 4 ");
    }

    @Test
    void aBodyBeyondTheLimitIsRefusedAndTheNextResponseStillReads() {
        Kept kept = new Kept(8);
        EmbeddedChannel ch = new EmbeddedChannel(new HttpResponseDecoder(), kept);
        ch.writeInbound(bytes("HTTP/1.1 200 OK\r\nx-id: 5\r\ntransfer-encoding: chunked\r\n\r\n"
                + "5\r\nabcde\r\n5\r\nfghij\r\n0\r\n\r\n"));
        ch.writeInbound(bytes("HTTP/1.1 200 OK\r\nx-id: 6\r\ncontent-length: 2\r\n\r\nok"));
        assertThat(kept.failures).singleElement().isInstanceOf(TooLongFrameException.class);
        assertThat(kept.responses).containsExactly("200 6 ok");
    }

    @Test
    void aResponseTheDecoderCannotReadIsReportedNotHandedOn() {
        Kept kept = new Kept(1024);
        EmbeddedChannel ch = new EmbeddedChannel(new HttpResponseDecoder(), kept);
        ch.writeInbound(bytes("HTTP/1.1 200 OK\r\ncontent-length: nope\r\n\r\n"));
        assertThat(kept.responses).isEmpty();
        assertThat(kept.failures).hasSize(1);
    }
}
