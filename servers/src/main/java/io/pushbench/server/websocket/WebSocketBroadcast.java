package io.pushbench.server.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.pushbench.server.Hub;
import io.pushbench.server.ServerStats;
import io.pushbench.server.SubscriberWrites;

import java.nio.charset.StandardCharsets;

/**
 * Delivers each broadcast to every WebSocket subscriber as one text frame. The frame's bytes are
 * encoded once and shared by every subscriber's write. A subscriber whose outbound buffer is full
 * (it reads slower than messages come) misses that message, which is counted as dropped: the
 * server's memory stays bounded whatever a client does.
 */
final class WebSocketBroadcast implements Hub.BroadcastListener {

    private final ChannelGroup subscribers = new DefaultChannelGroup("ws-subscribers", GlobalEventExecutor.INSTANCE);
    private final ServerStats stats;

    WebSocketBroadcast(ServerStats stats) {
        this.stats = stats;
    }

    /** Adds a channel whose handshake completed; it leaves the group when it closes. */
    void subscribe(Channel channel) {
        subscribers.add(channel);
        stats.subscribed();
        channel.closeFuture().addListener(f -> stats.unsubscribed());
    }

    @Override
    public void onBroadcast(long id, String text) {
        if (subscribers.isEmpty()) {
            return;
        }
        ByteBuf content = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        try {
            for (Channel channel : subscribers) {
                SubscriberWrites.writeOrDrop(channel, new TextWebSocketFrame(content.retainedDuplicate()), stats);
            }
        } finally {
            content.release();
        }
    }
}
