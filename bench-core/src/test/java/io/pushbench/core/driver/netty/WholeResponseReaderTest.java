package io.pushbench.core.driver.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The reader fed bytes as a socket would hand them over: whole, split anywhere, several at once. */
class WholeResponseReaderTest {

    /** Keeps what it was handed: each response's status, x-id header, keep-alive and body, and the failures. */
    private static final class Kept extends WholeResponseReader {
        final List<String> responses = new ArrayList<>();
        final List<Throwable> failures = new ArrayList<>();

        Kept(int maxBodyBytes) {
            super(maxBodyBytes);
        }

        @Override
        protected void response(ChannelHandlerContext ctx, Response response) {
            responses.add(response.status() + " " + response.header("X-Id") + " "
                    + (response.keepAlive() ? "" : "close ") + response.body().toString(StandardCharsets.UTF_8));
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

    private static Kept read(int maxBodyBytes, String... reads) {
        Kept kept = new Kept(maxBodyBytes);
        EmbeddedChannel ch = new EmbeddedChannel(kept);
        for (String read : reads) {
            ch.writeInbound(bytes(read));
        }
        assertThat(ch.finishAndReleaseAll()).isFalse();
        return kept;
    }

    @Test
    void aResponseInOneReadAndOneSplitOverThreeReadsArriveWholeInOrder() {
        Kept kept = read(1024,
                "HTTP/1.1 200 OK\r\nx-id: 1\r\ncontent-length: 5\r\n\r\nhello",
                "HTTP/1.1 200 OK\r\nX-ID:  2 \r\nContent-Length: 11\r\n\r\nhel", "lo wo", "rld");
        assertThat(kept.responses).containsExactly("200 1 hello", "200 2 hello world");
        assertThat(kept.failures).isEmpty();
    }

    @Test
    void responsesSplitAtEveryByteAndPipelinedInOneReadAllArrive() {
        String two = "HTTP/1.1 200 OK\r\nx-id: 1\r\ncontent-length: 3\r\n\r\nabc"
                + "HTTP/1.1 200 OK\r\nx-id: 2\r\ntransfer-encoding: chunked\r\n\r\n2\r\nde\r\n1;ext=1\r\nf\r\n0\r\nx-trailer: 1\r\n\r\n";
        assertThat(read(1024, two).responses).containsExactly("200 1 abc", "200 2 def");
        assertThat(read(1024, two.split("")).responses).containsExactly("200 1 abc", "200 2 def");
    }

    @Test
    void aChunkedResponseAnEmptyOneAnInformationalOneAndBareLineFeedsAreRead() {
        Kept kept = read(1024,
                "HTTP/1.1 200 OK\r\nx-id: 3\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\n",
                "HTTP/1.1 204 No Content\r\nx-id: 4\r\n\r\n",
                "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nx-id: 5\r\ncontent-length: 0\r\n\r\n",
                "HTTP/1.1 200 OK\nx-id: 6\ntransfer-encoding: chunked\n\n2\nok\n0\n\n");
        assertThat(kept.responses).containsExactly("200 3 abcdefg", "204 4 ", "200 5 ", "200 6 ok");
        assertThat(kept.failures).isEmpty();
    }

    @Test
    void keepAliveFollowsTheVersionAndTheConnectionHeader() {
        Kept kept = read(1024,
                "HTTP/1.1 200 OK\r\nx-id: 1\r\nConnection: Keep-Alive, Close\r\ncontent-length: 1\r\n\r\na",
                "HTTP/1.0 200 OK\r\nx-id: 2\r\ncontent-length: 1\r\n\r\nb",
                "HTTP/1.0 200 OK\r\nx-id: 3\r\nconnection: keep-alive\r\ncontent-length: 1\r\n\r\nc");
        assertThat(kept.responses).containsExactly("200 1 close a", "200 2 close b", "200 3 c");
    }

    @Test
    void aBodyWithoutLengthEndsWithTheConnection() {
        Kept kept = read(1024, "HTTP/1.1 200 OK\r\nx-id: 7\r\nconnection: close\r\n\r\nuntil", " the end");
        assertThat(kept.responses).containsExactly("200 7 close until the end");
    }

    @Test
    void aBodyBeyondTheLimitIsRefusedAndNothingAfterItIsRead() {
        Kept chunked = read(8, "HTTP/1.1 200 OK\r\nx-id: 5\r\ntransfer-encoding: chunked\r\n\r\n"
                + "5\r\nabcde\r\n5\r\nfghij\r\n0\r\n\r\n", "HTTP/1.1 200 OK\r\nx-id: 6\r\ncontent-length: 2\r\n\r\nok");
        assertThat(chunked.failures).singleElement().isInstanceOf(TooLongFrameException.class);
        assertThat(chunked.responses).isEmpty();
        Kept declared = read(8, "HTTP/1.1 200 OK\r\ncontent-length: 9\r\n\r\n");
        assertThat(declared.failures).singleElement().isInstanceOf(TooLongFrameException.class);
    }

    @Test
    void aHeadThatNeverEndsIsTooLarge() {
        Kept kept = read(8, "HTTP/1.1 200 OK\r\nx-pad: " + "a".repeat(WholeResponseReader.MAX_HEAD_BYTES));
        assertThat(kept.failures).singleElement().isInstanceOf(TooLongFrameException.class);
    }

    @Test
    void whatIsNotAnHttpResponseIsReportedNotHandedOn() {
        for (String bad : List.of("HTTP/1.1 200 OK\r\ncontent-length: nope\r\n\r\n",
                "HTTP/1.1 200 OK\r\ncontent-length: 1\r\ncontent-length: 2\r\n\r\nab",
                "SSH-2.0-OpenSSH_9.2\r\n\r\n",
                "\0\0\u0012\u0004\0\0\0\0\0\0\u0003\0\0\0\u0064",
                "HTTP/1.1 2x0 OK\r\n\r\n",
                "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
                "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n")) {
            Kept kept = read(1024, bad, "HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n");
            assertThat(kept.responses).as(bad).isEmpty();
            assertThat(kept.failures).as(bad).hasSize(1);
        }
    }

    @Test
    void aMissingHeaderIsNullANumberIsReadInPlaceAndTheReasonIsKept() {
        List<String> seen = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(new WholeResponseReader(64) {
            @Override
            protected void response(ChannelHandlerContext ctx, Response response) {
                seen.add(response.header("etag") + "|" + response.reason() + "|" + response.header("content-length")
                        + "|" + response.headerNumber("Pushbench-Last-Id", 99) + "|" + response.headerNumber("x-text", 99)
                        + "|" + response.headerNumber("x-minus", 99));
            }
        });
        ch.writeInbound(bytes("HTTP/1.1 404 Not Found Here\r\ncontent-length: 0\r\n\r\n"
                + "HTTP/1.1 200\r\ncontent-length: 0\r\npushbench-last-id:  42 \r\nx-text: 4 2\r\nx-minus: -1\r\n\r\n"));
        assertThat(seen).containsExactly("null|Not Found Here|0|99|99|99", "null||0|42|99|-1");
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }
}
