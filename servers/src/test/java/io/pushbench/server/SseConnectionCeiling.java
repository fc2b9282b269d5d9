package io.pushbench.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.driver.sse.OkHttpSseDriver;
import io.pushbench.core.netty.NettyIo;
import io.pushbench.core.driver.sse.OkHttpSseDriver;
import io.pushbench.core.transport.Transport;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded experiment, run by hand (not a test): how many concurrent SSE streams OkHttp's SSE driver
 * ({@link OkHttpSseDriver}, one reader thread per stream) holds in one process before it fails or
 * degrades. Streams are opened in steps against a minimal in-process SSE server on loopback (response
 * headers, then one event per publish, nothing else: the figure is the client's). After each step one
 * event is published and the time until every open stream has it (the fan-out time) is printed with
 * the process's thread count and heap. It stops at the first step where a stream fails to open or an
 * event does not reach every stream within {@value #DELIVERY_TIMEOUT_SECONDS} s, and at most at
 * {@value #MAX_STREAMS} streams.
 *
 * <pre>
 *   mvn -B -o -q -pl servers -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 *   java -cp "servers/target/test-classes:bench-core/target/classes:$(cat /tmp/cp.txt)" \
 *       io.pushbench.server.SseConnectionCeiling [max=5000] [step=250]
 * </pre>
 */
final class SseConnectionCeiling {

    /** Most streams the experiment opens, whatever it is asked. */
    static final int MAX_STREAMS = 5000;
    /** How long one event may take to reach every stream before the step counts as degraded. */
    static final int DELIVERY_TIMEOUT_SECONDS = 10;

    private SseConnectionCeiling() {
    }

    public static void main(String[] args) throws Exception {
        int max = Math.min(MAX_STREAMS, args.length > 0 ? Integer.parseInt(args[0]) : MAX_STREAMS);
        int step = args.length > 1 ? Integer.parseInt(args[1]) : 250;
        LongAdder delivered = new LongAdder();
        LongAdder errors = new LongAdder();
        StringBuffer firstError = new StringBuffer();
        ConnectionListener listener = new ConnectionListener() {
            @Override
            public void onMessage(PushConnection connection, CharSequence payload, long receivedNanos) {
                delivered.increment();
            }

            @Override
            public void onError(PushConnection connection, DriverException error) {
                errors.increment();
                if (firstError.length() == 0) {
                    firstError.append(error.kind().id()).append(": ").append(error.getMessage());
                }
            }
        };
        System.out.printf("okhttp sse-http1: steps of %d up to %d streams; %d cores, max heap %d MiB%n", step, max,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("%8s %10s %12s %9s %9s %8s%n", "streams", "open ms", "fan-out ms", "threads", "heap MiB",
                "errors");
        try (MinimalSseServer server = new MinimalSseServer();
             TransportDriver driver = new OkHttpSseDriver(Transport.SSE_HTTP1, DriverOptions.defaults())) {
            Target target = Target.of(URI.create("http://127.0.0.1:" + server.port() + "/sse"));
            List<PushConnection> open = new ArrayList<>();
            for (int event = 0; open.size() < max; event++) {
                int batch = Math.min(step, max - open.size());
                long start = System.nanoTime();
                List<CompletableFuture<PushConnection>> attempts = new ArrayList<>();
                for (int i = 0; i < batch; i++) {
                    attempts.add(driver.connect(target, listener));
                }
                String failure = null;
                for (CompletableFuture<PushConnection> attempt : attempts) {
                    try {
                        open.add(attempt.get(30, TimeUnit.SECONDS));
                    } catch (ExecutionException | TimeoutException e) {
                        failure = failure != null ? failure : String.valueOf(e.getCause() == null ? e : e.getCause());
                    }
                }
                long openMillis = (System.nanoTime() - start) / 1_000_000;
                delivered.reset();
                long publishedAt = System.nanoTime();
                server.publish("event " + event);
                long deadline = publishedAt + TimeUnit.SECONDS.toNanos(DELIVERY_TIMEOUT_SECONDS);
                while (delivered.sum() < open.size() && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                boolean late = delivered.sum() < open.size();
                Runtime rt = Runtime.getRuntime();
                System.out.printf("%8d %10d %12s %9d %9d %8d%n", open.size(), openMillis,
                        late ? "> " + DELIVERY_TIMEOUT_SECONDS * 1000 : (System.nanoTime() - publishedAt) / 1_000_000,
                        ManagementFactory.getThreadMXBean().getThreadCount(), (rt.totalMemory() - rt.freeMemory()) >> 20,
                        errors.sum());
                if (failure != null || errors.sum() > 0 || late) {
                    System.out.println("stopped: " + (failure != null ? failure : firstError.length() > 0
                            ? firstError : "an event did not reach every stream in time"));
                    break;
                }
            }
            open.forEach(PushConnection::close);
        }
    }

    /** Answers every request with SSE headers and keeps it; {@link #publish} writes one event to all. */
    private static final class MinimalSseServer implements AutoCloseable {

        private final EventLoopGroup group = NettyIo.newGroup("ceiling-server", 1);
        private final ChannelGroup streams = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        private final Channel listener;

        MinimalSseServer() throws InterruptedException {
            listener = new ServerBootstrap().group(group).channel(NettyIo.serverSocketChannel())
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new SimpleChannelInboundHandler<HttpRequest>() {
                                @Override
                                protected void channelRead0(ChannelHandlerContext ctx, HttpRequest request) {
                                    HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                                    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream");
                                    HttpUtil.setTransferEncodingChunked(response, true);
                                    ctx.writeAndFlush(response);
                                    streams.add(ctx.channel());
                                }
                            });
                        }
                    }).bind("127.0.0.1", 0).sync().channel();
        }

        int port() {
            return ((InetSocketAddress) listener.localAddress()).getPort();
        }

        void publish(String data) {
            byte[] event = ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
            streams.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(event)));
        }

        @Override
        public void close() {
            listener.close().awaitUninterruptibly();
            streams.close().awaitUninterruptibly();
            NettyIo.shutdown(group);
        }
    }
}
