package io.pushbench.core.driver.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;

import java.nio.charset.StandardCharsets;

/**
 * Reads HTTP/1.x responses straight from a client connection's bytes and hands each on whole, its
 * status, headers and body, in one call. It takes the place of Netty's response decoder and
 * aggregator on the paths that read many small answers (long polling reads one per batch of
 * messages): those make a response object, a header map and a string for every header name and
 * value of every answer, where this reader keeps the offsets of the head in the bytes that came in
 * and makes a string only for a header that is asked for. A response that arrived in one read is
 * read where it lies; one that came in several is gathered first. What goes out is not its
 * business: the POSTs go through Netty's {@code HttpRequestEncoder}, and long polling writes the
 * bytes of its polls itself.
 *
 * <p>Framing follows RFC 9112: a chunked body (extensions and trailers skipped), a
 * {@code content-length} body, no body for 1xx (skipped), 204 and 304, and otherwise a body that
 * ends when the server closes the connection. Lines may end in CRLF or a bare LF. A response
 * whose head or body is beyond the limits is {@link #tooLarge}; one that cannot be read is
 * {@link #malformed}. After either, the reader reads nothing more on the channel, as its framing
 * can no longer be trusted; both close it by default.
 *
 * <p>Not thread-safe: one per channel, used on its event loop.
 */
public abstract class WholeResponseReader extends ChannelInboundHandlerAdapter {

    /** The longest status line and headers, bytes. */
    public static final int MAX_HEAD_BYTES = 16 * 1024;
    /** The most headers a response may have. */
    public static final int MAX_HEADERS = 128;
    private static final int NO_LENGTH = -1;
    private static final byte[] HTTP1 = ascii("HTTP/1.");
    private static final byte[] CONTENT_LENGTH = ascii("content-length");
    private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
    private static final byte[] CONNECTION = ascii("connection");
    private static final byte[] CHUNKED = ascii("chunked");
    private static final byte[] CLOSE = ascii("close");
    private static final byte[] KEEP_ALIVE = ascii("keep-alive");

    private final int maxBodyBytes;
    private final Response response = new Response();
    /** Bytes of a response not yet whole, its first byte at the reader index; null when none. */
    private ByteBuf cumulation;
    /** A response could not be read: everything after it is dropped. */
    private boolean failed;
    /** Inside {@link #response}: a close then must not free the bytes being read. */
    private boolean delivering;

    // What is known of the response at the reader index, as offsets from its first byte.
    /** Where its head ends (after the empty line), or -1 until it arrived. */
    private int headEnd = -1;
    /** Where the search for the head's end goes on: the start of the first line not yet whole. */
    private int searched;
    private long contentLength;
    private boolean chunked;
    /** Where the next chunk-size line starts. */
    private int chunkAt;
    /** Start and length of each chunk's data so far. */
    private int[] chunks = new int[8];
    private int chunkCount;
    private long chunkedBytes;

    /** @param maxBodyBytes the largest body read; a larger one is {@link #tooLarge} */
    protected WholeResponseReader(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * A whole response arrived. {@code response} and its body are valid only during the call:
     * keep neither, copy what is needed.
     */
    protected abstract void response(ChannelHandlerContext ctx, Response response);

    /** The head or the body is larger than the limit. The default closes the channel. */
    protected void tooLarge(ChannelHandlerContext ctx, TooLongFrameException cause) {
        ctx.close();
    }

    /** The bytes are not an HTTP/1.x response. The default passes the cause on as an exception. */
    protected void malformed(ChannelHandlerContext ctx, Throwable cause) {
        ctx.fireExceptionCaught(cause);
    }

    /**
     * One response, read in place: the offsets of its head in the bytes it came in. Reused for
     * every response of the channel.
     */
    public static final class Response {
        private final int[] headers = new int[MAX_HEADERS * 4];
        private int headerCount;
        private ByteBuf bytes;
        private int start;
        private int status;
        private int reasonStart;
        private int reasonEnd;
        private boolean keepAlive;
        private ByteBuf body;

        /** The status code, 100 to 999 as sent. */
        public int status() {
            return status;
        }

        /** The reason phrase, possibly empty (made on each call). */
        public String reason() {
            return bytes.toString(start + reasonStart, reasonEnd - reasonStart, StandardCharsets.ISO_8859_1);
        }

        /** Whether the connection stays open after it: HTTP/1.1 unless {@code Connection: close}, HTTP/1.0 only with keep-alive. */
        public boolean keepAlive() {
            return keepAlive;
        }

        /** The value of the first header named {@code name} (any case), trimmed; null if there is none. Made on each call. */
        public String header(String name) {
            int at = find(name);
            return at < 0 ? null : bytes.toString(start + headers[at + 2], headers[at + 3] - headers[at + 2],
                    StandardCharsets.ISO_8859_1);
        }

        /**
         * The first header named {@code name} as a decimal number (a leading {@code -} allowed), read in
         * place; {@code absent} if there is none or it is not one.
         */
        public long headerNumber(String name, long absent) {
            int at = find(name);
            if (at < 0) {
                return absent;
            }
            int from = start + headers[at + 2];
            int length = headers[at + 3] - headers[at + 2];
            boolean negative = length > 1 && bytes.getByte(from) == '-';
            long value = negative ? digits(bytes, from + 1, length - 1) : digits(bytes, from, length);
            return value < 0 ? absent : negative ? -value : value;
        }

        /** Where in {@link #headers} the first header named {@code name} is, or -1. */
        private int find(String name) {
            for (int h = 0; h < headerCount; h++) {
                int at = h * 4;
                int nameStart = start + headers[at];
                int nameLength = headers[at + 1] - headers[at];
                if (nameLength == name.length() && namedAs(bytes, nameStart, nameLength, name)) {
                    return at;
                }
            }
            return -1;
        }

        /** The body: its readable bytes, from the reader index. */
        public ByteBuf body() {
            return body;
        }

        private static boolean namedAs(ByteBuf bytes, int at, int length, String name) {
            for (int i = 0; i < length; i++) {
                if (lower(bytes.getByte(at + i)) != lower((byte) name.charAt(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (failed) {
            in.release();
            return;
        }
        ByteBuf bytes;
        if (cumulation == null) {
            bytes = in;
        } else {
            cumulation.ensureWritable(in.readableBytes());
            cumulation.writeBytes(in);
            in.release();
            bytes = cumulation;
        }
        try {
            while (!failed && bytes.isReadable() && readOne(ctx, bytes)) {
                // One whole response read; the next may follow in the same bytes.
            }
        } finally {
            keepRest(ctx, bytes, in);
        }
    }

    /** After a read: keeps the bytes of a response not yet whole, from its first byte, and frees the rest. */
    private void keepRest(ChannelHandlerContext ctx, ByteBuf bytes, ByteBuf in) {
        if (bytes == in) {
            if (!failed && in.isReadable()) {
                cumulation = ctx.alloc().buffer(Math.max(in.readableBytes(), 256));
                cumulation.writeBytes(in);
            }
            in.release();
        } else if (failed || !cumulation.isReadable()) {
            cumulation.release();
            cumulation = null;
        } else {
            cumulation.discardSomeReadBytes();
        }
    }

    /** Reads the response at the reader index if it is whole; returns whether it did (or skipped a 1xx). */
    private boolean readOne(ChannelHandlerContext ctx, ByteBuf bytes) {
        int start = bytes.readerIndex();
        int available = bytes.readableBytes();
        if (headEnd < 0) {
            if (!startsLikeHttp1(bytes, start, available)) {
                // An HTTP/2-only port answers with binary frames, which may never hold a line end.
                fail(ctx, new IllegalArgumentException("not an HTTP/1.x response: it does not start with HTTP/1."), false);
                return false;
            }
            int end = findHeadEnd(bytes, start, available);
            if (end < 0) {
                if (available > MAX_HEAD_BYTES) {
                    fail(ctx, new TooLongFrameException("response head larger than " + MAX_HEAD_BYTES + " bytes"), true);
                }
                return false;
            }
            if (end == 0) {
                return true; // an empty line before the status line, skipped
            }
            headEnd = end;
            String error = readHead(bytes, start);
            if (error != null) {
                fail(ctx, new IllegalArgumentException("not an HTTP/1.x response: " + error), false);
                return false;
            }
            if (response.status < 200) {
                bytes.readerIndex(start + headEnd);
                resetResponse();
                return true;
            }
            if (!chunked && contentLength > maxBodyBytes) {
                fail(ctx, bodyTooLarge(), true);
                return false;
            }
        }
        boolean noBody = response.status == 204 || response.status == 304;
        if (noBody) {
            return deliver(ctx, bytes, start, headEnd, headEnd, headEnd);
        } else if (chunked) {
            return readChunks(ctx, bytes, start, available);
        } else if (contentLength != NO_LENGTH) {
            int end = headEnd + (int) contentLength;
            return available >= end && deliver(ctx, bytes, start, headEnd, end, end);
        }
        if (available - headEnd > maxBodyBytes) {
            fail(ctx, bodyTooLarge(), true);
        }
        return false; // the body ends when the connection does
    }

    /**
     * The offset just after the empty line that ends the head, -1 if it has not arrived, 0 for an
     * empty line before any status line (consumed here).
     */
    private int findHeadEnd(ByteBuf bytes, int start, int available) {
        int line = searched;
        while (true) {
            int lf = bytes.indexOf(start + line, start + available, (byte) '\n');
            if (lf < 0) {
                searched = line;
                return -1;
            }
            int length = lf - (start + line);
            boolean empty = length == 0 || length == 1 && bytes.getByte(lf - 1) == '\r';
            int next = lf + 1 - start;
            if (empty && line == 0) {
                bytes.readerIndex(lf + 1);
                return 0;
            }
            if (empty) {
                searched = 0;
                return next;
            }
            line = next;
        }
    }

    /** Reads the status line and headers of the response at {@code start}; returns what is wrong, or null. */
    private String readHead(ByteBuf bytes, int start) {
        Response r = response;
        r.headerCount = 0;
        contentLength = NO_LENGTH;
        chunked = false;
        int lineEnd = lineEnd(bytes, start, 0);
        int minor = statusLine(bytes, start, lineEnd);
        if (minor < 0) {
            return "bad status line";
        }
        boolean close = minor == 0;
        int line = bytes.indexOf(start + lineEnd, start + headEnd, (byte) '\n') + 1 - start;
        while (line < headEnd) {
            int end = lineEnd(bytes, start, line);
            if (end == line) {
                break;
            }
            int colon = bytes.indexOf(start + line, start + end, (byte) ':') - start;
            if (colon <= line || isSpace(bytes.getByte(start + line)) || isSpace(bytes.getByte(start + colon - 1))) {
                return "bad header line";
            }
            int value = colon + 1;
            while (value < end && isSpace(bytes.getByte(start + value))) {
                value++;
            }
            int valueEnd = end;
            while (valueEnd > value && isSpace(bytes.getByte(start + valueEnd - 1))) {
                valueEnd--;
            }
            if (r.headerCount == MAX_HEADERS) {
                return "more than " + MAX_HEADERS + " headers";
            }
            int at = r.headerCount++ * 4;
            r.headers[at] = line;
            r.headers[at + 1] = colon;
            r.headers[at + 2] = value;
            r.headers[at + 3] = valueEnd;
            if (is(bytes, start + line, colon - line, CONTENT_LENGTH)) {
                long length = digits(bytes, start + value, valueEnd - value);
                if (length < 0 || contentLength != NO_LENGTH && contentLength != length) {
                    return "bad content-length";
                }
                contentLength = length;
            } else if (is(bytes, start + line, colon - line, TRANSFER_ENCODING)) {
                chunked = endsWithToken(bytes, start + value, start + valueEnd, CHUNKED);
            } else if (is(bytes, start + line, colon - line, CONNECTION)) {
                if (hasToken(bytes, start + value, start + valueEnd, CLOSE)) {
                    close = true;
                } else if (hasToken(bytes, start + value, start + valueEnd, KEEP_ALIVE)) {
                    close = false;
                }
            }
            line = bytes.indexOf(start + end, start + headEnd, (byte) '\n') + 1 - start;
        }
        r.keepAlive = !close;
        chunkAt = headEnd;
        return null;
    }

    /**
     * Reads {@code HTTP/1.x SSS reason} between {@code start} and {@code start + end}; returns x,
     * or -1 if it is not a status line.
     */
    private int statusLine(ByteBuf bytes, int start, int end) {
        if (end < 12 || bytes.getByte(start) != 'H' || bytes.getByte(start + 1) != 'T'
                || bytes.getByte(start + 2) != 'T' || bytes.getByte(start + 3) != 'P' || bytes.getByte(start + 4) != '/'
                || bytes.getByte(start + 5) != '1' || bytes.getByte(start + 6) != '.' || bytes.getByte(start + 8) != ' ') {
            return -1;
        }
        int minor = bytes.getByte(start + 7) - '0';
        long status = digits(bytes, start + 9, 3);
        if (minor < 0 || minor > 9 || status < 100 || end > 12 && bytes.getByte(start + 12) != ' ') {
            return -1;
        }
        response.status = (int) status;
        response.reasonStart = Math.min(13, end);
        response.reasonEnd = end;
        return minor;
    }

    /**
     * Walks the chunks that have arrived from {@link #chunkAt}; once the last chunk and the
     * trailers are in, delivers the response.
     */
    private boolean readChunks(ChannelHandlerContext ctx, ByteBuf bytes, int start, int available) {
        while (true) {
            int lf = bytes.indexOf(start + chunkAt, start + available, (byte) '\n');
            if (lf < 0) {
                if (available - chunkAt > 1024) {
                    fail(ctx, new IllegalArgumentException("not an HTTP/1.x response: chunk size line too long"), false);
                }
                return false;
            }
            int sizeEnd = chunkAt;
            while (sizeEnd < lf - start && hexDigit(bytes.getByte(start + sizeEnd)) >= 0) {
                sizeEnd++;
            }
            if (sizeEnd == chunkAt || sizeEnd - chunkAt > 8) {
                fail(ctx, new IllegalArgumentException("not an HTTP/1.x response: bad chunk size"), false);
                return false;
            }
            long size = 0;
            for (int i = chunkAt; i < sizeEnd; i++) {
                size = size * 16 + hexDigit(bytes.getByte(start + i));
            }
            int data = lf + 1 - start;
            if (size == 0) {
                int end = trailersEnd(bytes, start, data, available);
                if (end < 0) {
                    return false;
                }
                return deliverChunks(ctx, bytes, start, end);
            }
            if (chunkedBytes + size > maxBodyBytes) {
                fail(ctx, bodyTooLarge(), true);
                return false;
            }
            long after = data + size;
            if (available < after + 1) {
                return false;
            }
            int next;
            if (bytes.getByte(start + (int) after) == '\n') {
                next = (int) after + 1;
            } else if (available < after + 2) {
                return false;
            } else if (bytes.getByte(start + (int) after) == '\r' && bytes.getByte(start + (int) after + 1) == '\n') {
                next = (int) after + 2;
            } else {
                fail(ctx, new IllegalArgumentException("not an HTTP/1.x response: no line end after a chunk"), false);
                return false;
            }
            if (chunkCount * 2 == chunks.length) {
                chunks = java.util.Arrays.copyOf(chunks, chunks.length * 2);
            }
            chunks[chunkCount * 2] = data;
            chunks[chunkCount * 2 + 1] = (int) size;
            chunkCount++;
            chunkedBytes += size;
            chunkAt = next;
        }
    }

    /** The offset after the trailers (and the empty line ending them) that start at {@code from}, or -1. */
    private static int trailersEnd(ByteBuf bytes, int start, int from, int available) {
        int line = from;
        while (true) {
            int lf = bytes.indexOf(start + line, start + available, (byte) '\n');
            if (lf < 0) {
                return -1;
            }
            int length = lf - (start + line);
            if (length == 0 || length == 1 && bytes.getByte(lf - 1) == '\r') {
                return lf + 1 - start;
            }
            line = lf + 1 - start;
        }
    }

    /** A chunked response ending at {@code end} is whole: one chunk is read in place, several are gathered. */
    private boolean deliverChunks(ChannelHandlerContext ctx, ByteBuf bytes, int start, int end) {
        if (chunkCount <= 1) {
            int data = chunkCount == 0 ? headEnd : chunks[0];
            int length = chunkCount == 0 ? 0 : chunks[1];
            return deliver(ctx, bytes, start, data, data + length, end);
        }
        ByteBuf gathered = ctx.alloc().buffer((int) chunkedBytes);
        try {
            for (int c = 0; c < chunkCount; c++) {
                gathered.writeBytes(bytes, start + chunks[c * 2], chunks[c * 2 + 1]);
            }
            deliver(ctx, bytes, start, gathered);
            bytes.readerIndex(start + end);
            return true;
        } finally {
            gathered.release();
        }
    }

    /** Hands on the response at {@code start} whose body lies in place from {@code bodyStart} to {@code bodyEnd}. */
    private boolean deliver(ChannelHandlerContext ctx, ByteBuf bytes, int start, int bodyStart, int bodyEnd, int end) {
        int writerIndex = bytes.writerIndex();
        // The body is the readable part of the bytes it lies in, for the call: no slice to make.
        bytes.setIndex(start + bodyStart, start + bodyEnd);
        try {
            deliver(ctx, bytes, start, bytes);
        } finally {
            bytes.setIndex(start + end, writerIndex);
        }
        return true;
    }

    private void deliver(ChannelHandlerContext ctx, ByteBuf bytes, int start, ByteBuf body) {
        response.bytes = bytes;
        response.start = start;
        response.body = body;
        delivering = true;
        try {
            response(ctx, response);
        } finally {
            delivering = false;
            response.body = null;
            response.bytes = null;
            resetResponse();
        }
    }

    /** A response whose body ends with the connection is whole now; any other is dropped. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (!failed && !delivering && cumulation != null && headEnd > 0 && !chunked && contentLength == NO_LENGTH
                && response.status != 204 && response.status != 304) {
            int start = cumulation.readerIndex();
            deliver(ctx, cumulation, start, headEnd, cumulation.readableBytes(), cumulation.readableBytes());
        }
        release();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause, boolean tooLarge) {
        failed = true;
        resetResponse();
        if (tooLarge) {
            tooLarge(ctx, (TooLongFrameException) cause);
        } else {
            malformed(ctx, cause);
        }
    }

    private TooLongFrameException bodyTooLarge() {
        return new TooLongFrameException("response body larger than " + maxBodyBytes + " bytes");
    }

    private void resetResponse() {
        headEnd = -1;
        searched = 0;
        chunkCount = 0;
        chunkedBytes = 0;
    }

    /** The channel is done: frees the bytes kept, or, during a delivery, has the read that made it free them. */
    private void release() {
        if (delivering) {
            failed = true;
            return;
        }
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
        resetResponse();
    }

    /** Whether what has arrived of a response can be the start of {@code HTTP/1.} (or of an empty line before it). */
    private static boolean startsLikeHttp1(ByteBuf bytes, int start, int available) {
        byte first = bytes.getByte(start);
        if (first == '\r' || first == '\n') {
            return true;
        }
        for (int i = 0; i < Math.min(available, HTTP1.length); i++) {
            if (bytes.getByte(start + i) != HTTP1[i]) {
                return false;
            }
        }
        return true;
    }

    private static int lineEnd(ByteBuf bytes, int start, int from) {
        int lf = bytes.indexOf(start + from, bytes.writerIndex(), (byte) '\n') - start;
        return lf > from && bytes.getByte(start + lf - 1) == '\r' ? lf - 1 : lf;
    }

    private static boolean is(ByteBuf bytes, int at, int length, byte[] lowerCaseName) {
        if (length != lowerCaseName.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (lower(bytes.getByte(at + i)) != lowerCaseName[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether a comma-separated list between {@code from} and {@code to} holds {@code token} (any case). */
    private static boolean hasToken(ByteBuf bytes, int from, int to, byte[] token) {
        int at = from;
        while (at < to) {
            int comma = bytes.indexOf(at, to, (byte) ',');
            int end = comma < 0 ? to : comma;
            int s = at;
            int e = end;
            while (s < e && isSpace(bytes.getByte(s))) {
                s++;
            }
            while (e > s && isSpace(bytes.getByte(e - 1))) {
                e--;
            }
            if (is(bytes, s, e - s, token)) {
                return true;
            }
            at = end + 1;
        }
        return false;
    }

    /** Whether the last of the comma-separated codings between {@code from} and {@code to} is {@code token}. */
    private static boolean endsWithToken(ByteBuf bytes, int from, int to, byte[] token) {
        int comma = -1;
        for (int i = to - 1; i >= from; i--) {
            if (bytes.getByte(i) == ',') {
                comma = i;
                break;
            }
        }
        int s = comma < 0 ? from : comma + 1;
        while (s < to && isSpace(bytes.getByte(s))) {
            s++;
        }
        return is(bytes, s, to - s, token);
    }

    /** The decimal number of {@code length} digits at {@code at}, or -1 if they are not all digits (or more than 15). */
    private static long digits(ByteBuf bytes, int at, int length) {
        if (length <= 0 || length > 15) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            int d = bytes.getByte(at + i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    private static int hexDigit(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        int lower = lower(b);
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r';
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
