package io.pushbench.server;

import io.netty.channel.Channel;
import io.netty.util.ReferenceCountUtil;

/**
 * The slow-subscriber policy in one place: a push to a subscriber whose outbound buffer is over
 * its high-water mark is dropped and counted, so the server's memory stays bounded whatever a
 * client does.
 *
 * <p>A channel that is being closed is not writable either (Netty drops its outbound buffer
 * first), yet a message it misses is no drop: the subscriber left, and it resumes or reconnects.
 * From another thread the two look alike for a moment, so the verdict is taken on the channel's
 * event loop, after any close already under way there has finished.
 */
public final class SubscriberWrites {

    private SubscriberWrites() {
    }

    /**
     * Writes and flushes {@code message} to {@code channel}, or releases it and counts a drop in
     * {@code stats} when the channel cannot take it and is still open. Any thread.
     */
    public static void writeOrDrop(Channel channel, Object message, ServerStats stats) {
        if (channel.eventLoop().inEventLoop()) {
            if (writeOnLoopOrDrop(channel, message, stats)) {
                channel.flush();
            }
            return;
        }
        if (channel.isWritable()) {
            channel.writeAndFlush(message, channel.voidPromise());
            return;
        }
        ReferenceCountUtil.release(message);
        if (!channel.isActive()) {
            return;
        }
        channel.eventLoop().execute(() -> {
            if (channel.isActive()) {
                stats.drop();
            }
        });
    }

    /**
     * Writes {@code message} to {@code channel} without flushing, or releases it and counts a drop
     * in {@code stats} when the channel cannot take it and is still open. On the channel's event
     * loop only, where the verdict is final.
     *
     * @return whether the message was written, so the channel needs a flush
     */
    public static boolean writeOnLoopOrDrop(Channel channel, Object message, ServerStats stats) {
        if (channel.isWritable()) {
            channel.write(message, channel.voidPromise());
            return true;
        }
        ReferenceCountUtil.release(message);
        if (channel.isActive()) {
            stats.drop();
        }
        return false;
    }
}
