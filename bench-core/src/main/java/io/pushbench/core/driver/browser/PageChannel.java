package io.pushbench.core.driver.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * pushbench's end of one page's back-channel: sends the page its commands (open, send, close), reads
 * what the page streams back and hands it to the page's connections, and estimates the page's clock
 * ({@link PageClock}) before the run and again after it.
 *
 * <p>Frames are read on the page server's one event loop, so each connection's events reach its
 * listener one at a time, in the order the page sent them.
 */
final class PageChannel extends SimpleChannelInboundHandler<TextWebSocketFrame> {

    /** Clock samples per estimate: the shortest round trip of these is kept. */
    static final int SYNC_SAMPLES = 24;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How a frame of records starts; every other frame is a JSON event. */
    private static final String RECORDS = "m\n";

    private final int page;
    private final IntFunction<BrowserConnection> connections;
    private final CompletableFuture<PageChannel> ready = new CompletableFuture<>();
    private final AtomicInteger opened = new AtomicInteger();
    private volatile Channel channel;
    private volatile PageClock clock = new PageClock();
    private PageClock syncing;
    private CompletableFuture<PageClock> syncDone;
    private long syncSentNanos;
    private int syncSent;
    private CompletableFuture<PageCost> costAnswer;

    /** @param connections the connection with a given id, or null when it is not known (closed) */
    PageChannel(int page, IntFunction<BrowserConnection> connections) {
        this.page = page;
        this.connections = connections;
    }

    int page() {
        return page;
    }

    /** Completes when the page said hello and its clock was estimated: then it can open subscriptions. */
    CompletableFuture<PageChannel> ready() {
        return ready;
    }

    /** The clock estimate made when the page came up, the one every record of the page is mapped with. */
    PageClock clock() {
        return clock;
    }

    /** Subscriptions of this page that opened at least once. */
    int openedCount() {
        return opened.get();
    }

    void noteOpened() {
        opened.incrementAndGet();
    }

    boolean isOpen() {
        Channel ch = channel;
        return ch != null && ch.isActive();
    }

    void attached(Channel channel) {
        this.channel = channel;
    }

    /** Sends a command to the page. */
    void send(ObjectNode command) {
        Channel ch = channel;
        if (ch != null) {
            ch.writeAndFlush(new TextWebSocketFrame(command.toString()));
        }
    }

    static ObjectNode command(String op) {
        return JSON.createObjectNode().put("op", op);
    }

    /** Estimates the page's clock anew (after the run), on the channel's event loop. */
    CompletableFuture<PageClock> estimateClock() {
        CompletableFuture<PageClock> done = new CompletableFuture<>();
        Channel ch = channel;
        if (ch == null || !ch.isActive()) {
            done.completeExceptionally(new IllegalStateException("page " + page + " is gone"));
            return done;
        }
        ch.eventLoop().execute(() -> startSync(done));
        return done;
    }

    /** Asks the page what running the handlers cost it since it was last asked (or reset). */
    CompletableFuture<PageCost> cost() {
        CompletableFuture<PageCost> answer = new CompletableFuture<>();
        Channel ch = channel;
        if (ch == null || !ch.isActive()) {
            answer.completeExceptionally(new IllegalStateException("page " + page + " is gone"));
            return answer;
        }
        ch.eventLoop().execute(() -> {
            costAnswer = answer;
            send(command("stats"));
        });
        return answer;
    }

    private void startSync(CompletableFuture<PageClock> done) {
        syncing = new PageClock();
        syncDone = done;
        syncSent = 0;
        sendSync();
    }

    private void sendSync() {
        syncSent++;
        syncSentNanos = System.nanoTime();
        send(command("sync").put("n", syncSent));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) throws IOException {
        long receivedNanos = System.nanoTime();
        String text = frame.text();
        if (text.startsWith(RECORDS)) {
            records(text);
            return;
        }
        JsonNode event = JSON.readTree(text);
        switch (event.path("op").asText()) {
            case "sync" -> syncAnswer(event, receivedNanos);
            case "hello" -> {
                CompletableFuture<PageClock> estimated = new CompletableFuture<>();
                estimated.whenComplete((estimate, error) -> {
                    if (error != null) {
                        ready.completeExceptionally(error);
                    } else {
                        clock = estimate;
                        ready.complete(this);
                    }
                });
                startSync(estimated);
            }
            case "opened" -> withConnection(event, c -> c.opened(event.path("wait").asDouble()));
            case "reconnect" -> withConnection(event, c -> c.reconnected(event.path("down").asDouble()));
            case "error" -> withConnection(event, c -> c.failed(event.path("what").asText()));
            case "closed" -> withConnection(event, BrowserConnection::closedByPage);
            case "stats" -> {
                CompletableFuture<PageCost> answer = costAnswer;
                costAnswer = null;
                if (answer != null) {
                    answer.complete(PageCost.of(event));
                }
            }
            default -> {
                // An event this side does not know: the page is newer; nothing to do with it.
            }
        }
    }

    /** A batch of records: {@value #RECORDS} then one line per message, {@code id,pageMillis,text}. */
    private void records(String batch) {
        PageClock mapping = clock;
        int from = RECORDS.length();
        while (from < batch.length()) {
            int end = batch.indexOf('\n', from);
            if (end < 0) {
                end = batch.length();
            }
            int idEnd = batch.indexOf(',', from);
            int timeEnd = idEnd < 0 ? -1 : batch.indexOf(',', idEnd + 1);
            if (timeEnd > 0 && timeEnd < end) {
                BrowserConnection connection = connections.apply(Integer.parseInt(batch, from, idEnd, 10));
                if (connection != null) {
                    double pageMillis = Double.parseDouble(batch.substring(idEnd + 1, timeEnd));
                    connection.received(batch.substring(timeEnd + 1, end), mapping.toNanoTime(pageMillis));
                }
            }
            from = end + 1;
        }
    }

    private void syncAnswer(JsonNode event, long receivedNanos) {
        if (syncing == null || event.path("n").asInt() != syncSent) {
            return;
        }
        syncing.sample(syncSentNanos, event.path("p").asDouble(), receivedNanos);
        if (syncSent < SYNC_SAMPLES) {
            sendSync();
        } else {
            PageClock estimate = syncing;
            syncing = null;
            syncDone.complete(estimate);
        }
    }

    private void withConnection(JsonNode event, Consumer<BrowserConnection> action) {
        BrowserConnection connection = connections.apply(event.path("id").asInt());
        if (connection != null) {
            action.accept(connection);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        IllegalStateException gone = new IllegalStateException("page " + page + " closed its back-channel");
        ready.completeExceptionally(gone);
        if (syncDone != null) {
            syncDone.completeExceptionally(gone);
        }
        if (costAnswer != null) {
            costAnswer.completeExceptionally(gone);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A frame this side cannot read: the page is not pushbench's; its connections end with the channel.
        ctx.close();
    }
}
