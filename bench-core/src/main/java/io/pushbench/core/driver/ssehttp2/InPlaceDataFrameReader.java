package io.pushbench.core.driver.ssehttp2;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2FrameReader;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Flags;
import io.netty.handler.codec.http2.Http2FrameListener;
import io.netty.handler.codec.http2.Http2FrameReader;
import io.netty.handler.codec.http2.Http2FrameTypes;

/**
 * An HTTP/2 frame reader that hands each plain DATA frame to the listener as a view of the read
 * buffer itself, and every other frame to Netty's {@link DefaultHttp2FrameReader}.
 *
 * <p>Why: Netty's reader makes two objects for every frame (a slice of the payload and the
 * frame's flags), and an event stream is one DATA frame per event, so that is garbage for every
 * message the generator receives. Here a DATA frame without padding, on a stream, within the
 * frame size limit and outside a header block, is passed as the read buffer with its reader and
 * writer indexes set around the payload for the length of the call, as Netty's slice would be.
 * Anything else (padding, stream 0, an oversized frame, a DATA frame where a CONTINUATION must
 * come) goes to Netty's reader, which reports the error as it always does.
 *
 * <p>Netty's reader is only ever given whole frames, one at a time, so that it is at a frame
 * boundary whenever this reader looks at the next frame; only a frame over the size limit is
 * given to it at once, for it to refuse.
 */
final class InPlaceDataFrameReader implements Http2FrameReader {

    private static final int TYPE_AT = 3;
    private static final int FLAGS_AT = 4;
    private static final int STREAM_ID_AT = 5;

    private final DefaultHttp2FrameReader frames = new DefaultHttp2FrameReader();
    /** Whether a HEADERS or PUSH_PROMISE frame without END_HEADERS awaits its CONTINUATION frames. */
    private boolean inHeaderBlock;
    /** A connection error was read: what follows is not read (as Netty's reader does). */
    private boolean failed;

    @Override
    public void readFrame(ChannelHandlerContext ctx, ByteBuf input, Http2FrameListener listener) throws Http2Exception {
        if (failed) {
            input.skipBytes(input.readableBytes());
            return;
        }
        try {
            readWholeFrames(ctx, input, listener);
        } catch (Http2Exception e) {
            failed = !Http2Exception.isStreamError(e);
            throw e;
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    private void readWholeFrames(ChannelHandlerContext ctx, ByteBuf input, Http2FrameListener listener)
            throws Http2Exception {
        int maxFrameSize = frames.maxFrameSize();
        while (input.readableBytes() >= Http2CodecUtil.FRAME_HEADER_LENGTH) {
            int start = input.readerIndex();
            int length = input.getUnsignedMedium(start);
            if (length > maxFrameSize) {
                frames.readFrame(ctx, input, listener); // refuses it
                return;
            }
            int end = start + Http2CodecUtil.FRAME_HEADER_LENGTH + length;
            if (input.writerIndex() < end) {
                return; // the rest of the frame is still to come
            }
            byte type = input.getByte(start + TYPE_AT);
            short flags = input.getUnsignedByte(start + FLAGS_AT);
            int streamId = input.getInt(start + STREAM_ID_AT) & Integer.MAX_VALUE;
            int writerIndex = input.writerIndex();
            input.writerIndex(end);
            try {
                if (type == Http2FrameTypes.DATA && (flags & Http2Flags.PADDED) == 0 && streamId != 0 && !inHeaderBlock) {
                    input.readerIndex(start + Http2CodecUtil.FRAME_HEADER_LENGTH);
                    listener.onDataRead(ctx, streamId, input, 0, (flags & Http2Flags.END_STREAM) != 0);
                } else {
                    trackHeaderBlock(type, flags);
                    frames.readFrame(ctx, input, listener);
                }
            } finally {
                input.writerIndex(writerIndex);
                input.readerIndex(end);
            }
        }
    }

    private void trackHeaderBlock(byte type, short flags) {
        boolean endHeaders = (flags & Http2Flags.END_HEADERS) != 0;
        if (type == Http2FrameTypes.HEADERS || type == Http2FrameTypes.PUSH_PROMISE) {
            inHeaderBlock = !endHeaders;
        } else if (type == Http2FrameTypes.CONTINUATION && endHeaders) {
            inHeaderBlock = false;
        }
    }

    @Override
    public Configuration configuration() {
        return frames.configuration();
    }

    @Override
    public void close() {
        frames.close();
    }
}
