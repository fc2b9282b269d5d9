package io.pushbench.core.driver.longpoll;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.pushbench.core.driver.Target;

import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * Writes the bytes of a Netty poller's polls: {@code GET <target> HTTP/1.1}, the {@code host} and
 * the target's own headers, encoded once, and the cursor's headers, if its protocol has any. A
 * poll is written straight into one buffer, with no request object, header map or URI per poll;
 * pushbench's own cursor writes its request target without making a string
 * ({@link PollCursor#writeNextTarget}).
 *
 * <p>Not thread-safe: one per poller, used on its event loop.
 */
final class PollRequestWriter {

    private static final byte[] GET = ascii("GET ");
    private static final byte[] CRLF = ascii("\r\n");
    private static final byte[] COLON = ascii(": ");

    /** {@code HTTP/1.1}, the host and the target's headers: what every poll of the poller has. */
    private final byte[] head;
    /** Writes a header of the cursor into {@link #writing}: one for all polls. */
    private final BiConsumer<String, String> cursorHeader = this::header;
    private ByteBuf writing;

    PollRequestWriter(Target target) {
        StringBuilder head = new StringBuilder(" HTTP/1.1\r\nhost: ")
                .append(target.uri().getHost()).append(':').append(target.port()).append("\r\n");
        target.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        this.head = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The next poll of {@code cursor}, in a buffer of {@code alloc}'s. */
    ByteBuf write(ByteBufAllocator alloc, PollCursor cursor) {
        ByteBuf request = alloc.buffer(head.length + 128);
        request.writeBytes(GET);
        cursor.writeNextTarget(request);
        request.writeBytes(head);
        writing = request;
        try {
            cursor.headers(cursorHeader);
        } finally {
            writing = null;
        }
        request.writeBytes(CRLF);
        return request;
    }

    private void header(String name, String value) {
        ByteBufUtil.writeAscii(writing, name);
        writing.writeBytes(COLON);
        ByteBufUtil.writeAscii(writing, value);
        writing.writeBytes(CRLF);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
