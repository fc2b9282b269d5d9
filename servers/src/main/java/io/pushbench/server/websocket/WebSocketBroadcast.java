package io.pushbench.server.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.pushbench.server.BroadcastFanOut;
import io.pushbench.server.EventLoopMailboxes;
import io.pushbench.server.Hub;
import io.pushbench.server.ServerStats;

/**
 * Delivers each broadcast to every WebSocket subscriber as one text frame. The frame's bytes are
 * encoded once and shared by every subscriber's write, and handed to the subscribers' event loops
 * by a {@link BroadcastFanOut}, which writes a subscriber the frames of a batch as one write of
 * their bytes ({@link TextFramesEndToEnd}; a frame object each where an extension such as
 * permessage-deflate must see them) and flushes it once.
 * A subscriber whose outbound buffer is full (it reads slower than messages come) misses that
 * message, which is counted as dropped: the server's memory stays bounded whatever a client does.
 */
final class WebSocketBroadcast implements Hub.BroadcastListener {

    /** Shared by every subscriber: it keeps no state. */
    private static final BroadcastFanOut.Batching FRAMES = new TextFramesEndToEnd();

    private final BroadcastFanOut subscribers;
    private final ServerStats stats;

    WebSocketBroadcast(EventLoopMailboxes mailboxes, ServerStats stats) {
        this.stats = stats;
        this.subscribers = new BroadcastFanOut(mailboxes, stats, new BroadcastFanOut.Format() {
            @Override
            public ByteBuf encode(long id, String text) {
                return ByteBufUtil.writeUtf8(ByteBufAllocator.DEFAULT, text);
            }

            @Override
            public Object frame(ByteBuf bytes) {
                return new TextWebSocketFrame(bytes);
            }

            @Override
            public BroadcastFanOut.Batching batching() {
                return FRAMES;
            }
        });
    }

    /**
     * Adds a channel whose handshake completed, on its event loop; it leaves when it closes. It
     * counts as a subscriber once joined, so any broadcast published after it is counted reaches it.
     */
    void subscribe(Channel channel) {
        subscribers.join(channel);
        stats.subscribed();
        channel.closeFuture().addListener(f -> stats.unsubscribed());
    }

    @Override
    public void onBroadcast(long id, String text) {
        subscribers.broadcast(id, text);
    }
}
