package io.pushbench.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.pushbench.core.testing.Await.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BroadcastFanOut} on a real event loop, with loopback connections as subscribers: what a
 * loop that was busy while broadcasts were published writes, and flushes, when it gets to them.
 * Each subscriber channel records what reaches its pipeline's end instead of sending it.
 */
@Timeout(60)
class BroadcastFanOutTest {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoop loop = group.next();
    private final ServerStats stats = new ServerStats();
    private final BroadcastFanOut fanOut = fanOut(false);
    /** A batching fan-out (as an event stream's): a run's broadcasts reach a subscriber as one write. */
    private final BroadcastFanOut streamFanOut = fanOut(true);
    /** Channels the batching fan-out does not batch for (as a WebSocket extension would refuse). */
    private final Set<Channel> oneByOne = ConcurrentHashMap.newKeySet();
    private Channel server;
    private SocketAddress address;

    @BeforeEach
    void listen() throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInboundHandlerAdapter()).bind("127.0.0.1", 0).sync().channel();
        address = new InetSocketAddress("127.0.0.1", ((InetSocketAddress) server.localAddress()).getPort());
    }

    @AfterEach
    void stop() {
        server.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /**
     * Broadcast {@code id} of {@code text} is {@code "id:text;"}; batched, broadcasts go end to end as an event
     * stream's events do, for every subscriber not in {@link #oneByOne}.
     */
    private BroadcastFanOut fanOut(boolean batches) {
        BroadcastFanOut.Batching endToEnd = new BroadcastFanOut.Batching() {
            @Override
            public boolean takes(Channel subscriber) {
                return !oneByOne.contains(subscriber);
            }

            @Override
            public void append(ByteBuf batch, ByteBuf broadcast) {
                batch.writeBytes(broadcast, broadcast.readerIndex(), broadcast.readableBytes());
            }

            @Override
            public Object message(ByteBuf batch) {
                return batch;
            }
        };
        return new BroadcastFanOut(new EventLoopMailboxes(), stats, new BroadcastFanOut.Format() {
            @Override
            public ByteBuf encode(long id, String text) {
                return Unpooled.copiedBuffer(id + ":" + text + ";", StandardCharsets.UTF_8);
            }

            @Override
            public Object frame(ByteBuf bytes) {
                return bytes;
            }

            @Override
            public BroadcastFanOut.Batching batching() {
                return batches ? endToEnd : null;
            }
        });
    }

    /** A connected channel on the loop whose writes and flushes are recorded, joined to the fan-out. */
    private Recorder subscriber() throws Exception {
        return subscriber(fanOut);
    }

    private Recorder subscriber(BroadcastFanOut joining) throws Exception {
        return subscriber(joining, false);
    }

    private Recorder subscriber(BroadcastFanOut joining, boolean refusesBatches) throws Exception {
        Recorder recorder = new Recorder();
        Channel channel = new Bootstrap().group(loop).channel(NioSocketChannel.class).handler(recorder)
                .connect(address).sync().channel();
        recorder.channel = channel;
        if (refusesBatches) {
            oneByOne.add(channel);
        }
        loop.submit(() -> joining.join(channel)).get(5, TimeUnit.SECONDS);
        return recorder;
    }

    /** Keeps the loop busy until the returned latch is counted down. */
    private CountDownLatch blockLoop() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        loop.execute(() -> {
            running.countDown();
            awaitOnLoop(release);
        });
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        return release;
    }

    @Test
    void broadcastsPublishedWhileTheLoopWasBusyAreWrittenInOrderAndFlushedOncePerSubscriber() throws Exception {
        Recorder a = subscriber();
        Recorder b = subscriber();
        CountDownLatch release = blockLoop();
        for (int id = 0; id < 5; id++) {
            fanOut.broadcast(id, "m" + id);
        }
        release.countDown();
        awaitTrue(() -> a.flushes.get() > 0 && b.flushes.get() > 0, "both flushed");

        List<String> all = List.of("0:m0;", "1:m1;", "2:m2;", "3:m3;", "4:m4;");
        assertThat(a.messages).containsExactlyElementsOf(all);
        assertThat(b.messages).containsExactlyElementsOf(all);
        assertThat(a.flushes).hasValue(1);
        assertThat(b.flushes).hasValue(1);
    }

    @Test
    void aSubscriberGetsNoBroadcastHandedOutBeforeItJoinedEvenOneStillOnItsWayToTheLoop() throws Exception {
        Recorder early = subscriber();
        Recorder late = new Recorder();
        Channel lateChannel = new Bootstrap().group(loop).channel(NioSocketChannel.class).handler(late)
                .connect(address).sync().channel();
        CountDownLatch release = new CountDownLatch(1);
        Future<?> joined = loop.submit(() -> {
            awaitOnLoop(release);
            fanOut.join(lateChannel);
        });
        fanOut.broadcast(0, "before");
        release.countDown();
        joined.get(5, TimeUnit.SECONDS);
        fanOut.broadcast(1, "after");
        awaitTrue(() -> early.messages.size() == 2 && late.messages.size() == 1, "both delivered");

        assertThat(early.messages).containsExactly("0:before;", "1:after;");
        assertThat(late.messages).containsExactly("1:after;");
    }

    @Test
    void aPublisherOnTheLoopWritesAtOnceAfterWhatOtherThreadsQueuedBeforeIt() throws Exception {
        Recorder subscriber = subscriber();
        CountDownLatch release = new CountDownLatch(1);
        Future<List<String>> writtenWhenPublished = loop.submit(() -> {
            awaitOnLoop(release);
            fanOut.broadcast(1, "from the loop");
            return new ArrayList<>(subscriber.messages);
        });
        fanOut.broadcast(0, "from elsewhere");
        release.countDown();

        assertThat(writtenWhenPublished.get(5, TimeUnit.SECONDS))
                .containsExactly("0:from elsewhere;", "1:from the loop;");
        assertThat(subscriber.flushes).hasValue(1);
    }

    @Test
    void aSubscriberThatCannotTakeMoreMissesTheBroadcastAndOnlyAnOpenOneCountsAsADrop() throws Exception {
        Recorder writable = subscriber();
        Recorder full = subscriber();
        Recorder closed = subscriber();
        loop.submit(() -> full.channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false))
                .get(5, TimeUnit.SECONDS);
        CountDownLatch release = blockLoop();
        closed.channel.close();
        fanOut.broadcast(0, "m0");
        release.countDown();
        awaitTrue(() -> writable.messages.size() == 1, "delivered to the writable subscriber");
        loop.submit(() -> { }).get(5, TimeUnit.SECONDS);

        assertThat(full.messages).isEmpty();
        assertThat(closed.messages).isEmpty();
        assertThat(stats.dropped()).isEqualTo(1);
    }

    @Test
    void aBatchingSubscriberGetsTheBroadcastsOfARunAsOneWriteAndOneFlushAndOneThatRefusesGetsOneEach()
            throws Exception {
        Recorder a = subscriber(streamFanOut);
        Recorder b = subscriber(streamFanOut);
        Recorder refusing = subscriber(streamFanOut, true);
        CountDownLatch release = blockLoop();
        for (int id = 0; id < 5; id++) {
            streamFanOut.broadcast(id, "m" + id);
        }
        release.countDown();
        awaitTrue(() -> a.flushes.get() > 0 && b.flushes.get() > 0 && refusing.flushes.get() > 0, "all flushed");

        assertThat(a.messages).containsExactly("0:m0;1:m1;2:m2;3:m3;4:m4;");
        assertThat(b.messages).containsExactly("0:m0;1:m1;2:m2;3:m3;4:m4;");
        assertThat(refusing.messages).containsExactly("0:m0;", "1:m1;", "2:m2;", "3:m3;", "4:m4;");
        assertThat(a.flushes).hasValue(1);
        assertThat(b.flushes).hasValue(1);
        assertThat(refusing.flushes).hasValue(1);
    }

    @Test
    void aBatchingSubscriberTakesBroadcastsOfARunUntilTheyCrossItsHighWaterMarkAndDropsTheRest() throws Exception {
        Recorder roomy = subscriber(streamFanOut);
        Recorder tight = subscriber(streamFanOut);
        Recorder full = subscriber(streamFanOut);
        loop.submit(() -> {
            // 8 bytes: the first two 5-byte broadcasts are taken (the second crosses the mark), the rest dropped.
            tight.channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1, 8));
            full.channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        }).get(5, TimeUnit.SECONDS);
        CountDownLatch release = blockLoop();
        for (int id = 0; id < 4; id++) {
            streamFanOut.broadcast(id, "m" + id);
        }
        release.countDown();
        awaitTrue(() -> roomy.messages.size() == 1, "delivered to the roomy subscriber");
        loop.submit(() -> { }).get(5, TimeUnit.SECONDS);

        assertThat(roomy.messages).containsExactly("0:m0;1:m1;2:m2;3:m3;");
        assertThat(tight.messages).containsExactly("0:m0;1:m1;");
        assertThat(full.messages).isEmpty();
        assertThat(stats.dropped()).isEqualTo(2 + 4);
    }

    /** Holds the loop until {@code release} is counted down, at most 10 s (a failed test must not hang). */
    private static void awaitOnLoop(CountDownLatch release) {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Records every message that reaches the end of a channel's pipeline, and every flush. */
    private static final class Recorder extends ChannelOutboundHandlerAdapter {
        final List<String> messages = new CopyOnWriteArrayList<>();
        final AtomicInteger flushes = new AtomicInteger();
        volatile Channel channel;

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            ByteBuf bytes = (ByteBuf) msg;
            messages.add(bytes.toString(StandardCharsets.UTF_8));
            bytes.release();
            promise.trySuccess();
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            flushes.incrementAndGet();
        }
    }
}
