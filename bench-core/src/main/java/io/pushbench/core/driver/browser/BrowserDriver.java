package io.pushbench.core.driver.browser;

import io.pushbench.core.driver.BrowserFigures;
import io.pushbench.core.driver.BrowserOptions;
import io.pushbench.core.driver.ClientIds;
import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.record.WireCounter;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The browser client stack: one headless Chromium per driver, whose pages subscribe with the browser's
 * own {@code WebSocket} (websocket), {@code EventSource} (sse-http1, sse-http2) and {@code fetch} in a loop
 * (long-polling), stamp every message as their handler starts, and stream the records back over a
 * WebSocket to this process's {@link PageServer}. The records reach the connections' listeners with the
 * page's time mapped onto {@link System#nanoTime()} ({@link PageClock}), so a run records them as it
 * records any other stack's.
 *
 * <p>The browser is driven without a driver library: pushbench serves the page, Chromium is started on
 * its URL, and the page's own back-channel carries the commands. Nothing is downloaded.
 *
 * <p>The browser's limits apply as they would to a web page. For sse-http1 it is started with
 * {@code --disable-http2}, so that its event streams are HTTP/1.1 streams even over TLS, where the
 * server offers h2; at most 6 connections per host are then open, and a subscription held back waits.
 * connect() does not wait for such a one longer than {@value #WAIT_FOR_OPEN_MILLIS} ms after another
 * subscription of its page opened: the run gets it not open, and the result counts it ({@link BrowserFigures}). sse-http2 needs TLS, as browsers
 * speak HTTP/2 only over TLS. Pages after the first reach the server under a host name of their own
 * ({@code pK.pushbench.test}, mapped to the target's host), so that each page stands for a user of its
 * own with respect to the per-host limit; connections of one page share it.
 */
public final class BrowserDriver implements TransportDriver {

    /** How long connect() waits for a subscription to open before handing it over still waiting. */
    static final long WAIT_FOR_OPEN_MILLIS = 2000;
    /** How long Chromium may take to start and a page to load and answer. */
    static final long PAGE_START_SECONDS = 30;
    /** The domain of the host names pages after the first reach the server under. */
    static final String PAGE_HOSTS = "pushbench.test";

    private final Transport transport;
    private final BrowserOptions browser;
    private Path executable;
    private final PageServer server;
    private final List<PageChannel> pages = new CopyOnWriteArrayList<>();
    private final Map<Integer, BrowserConnection> connections = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger();
    private final BrowserTally tally = new BrowserTally();
    private final WireCounter wire = new WireCounter();
    /** Set and cleared with this driver's lock held; volatile so that CPU readings need not wait for it. */
    private volatile ChromiumProcess chromium;
    private volatile boolean closed;

    /** The browser is looked for ({@link ChromiumExecutable}) and started on the first connect. */
    public BrowserDriver(Transport transport, DriverOptions options, BrowserOptions browser) {
        this.transport = transport;
        this.browser = browser;
        this.server = new PageServer(index -> index < pages.size() ? pages.get(index) : null);
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public ClientStack stack() {
        return ClientStack.BROWSER;
    }

    @Override
    public CompletableFuture<PushConnection> connect(Target target, ConnectionListener listener) {
        int id = nextId.getAndIncrement();
        Target own = ClientIds.forConnection(target, id);
        PageChannel page;
        try {
            check(own);
            page = page(pageIndex(id), own.uri().getHost());
        } catch (DriverException e) {
            return CompletableFuture.failedFuture(e);
        }
        BrowserConnection connection = new BrowserConnection(id, page, listener, tally);
        connections.put(id, connection);
        tally.requested();
        page.send(PageChannel.command("open").put("id", id).put("kind", kind())
                .put("url", onPageHost(own.uri(), page.page()).toString())
                .put("send", own.sendUri() == null ? null : onPageHost(own.sendUri(), page.page()).toString()));
        afterWaiting(connection);
        return connection.connected();
    }

    /**
     * Hands {@code connection} to the run still waiting once it has waited {@value #WAIT_FOR_OPEN_MILLIS} ms while
     * another subscription of its page opened: the browser is up and holds this one back. While none of the page
     * opened (the browser still starting, the server not answering), it goes on waiting, as any stack's connect does.
     */
    private void afterWaiting(BrowserConnection connection) {
        CompletableFuture.delayedExecutor(WAIT_FOR_OPEN_MILLIS, TimeUnit.MILLISECONDS).execute(() -> {
            if (connection.connected().isDone() || closed) {
                return;
            }
            if (connection.page().openedCount() > 0) {
                connection.stillWaiting();
            } else {
                afterWaiting(connection);
            }
        });
    }

    private void check(Target target) {
        if (!target.headers().isEmpty()) {
            throw new DriverException(ErrorKind.CONNECT_FAILED, "the browser's WebSocket and EventSource cannot send "
                    + "extra request headers (" + String.join(", ", target.headers().keySet()) + ")");
        }
        if (transport == Transport.SSE_HTTP2 && !target.secure()) {
            throw new DriverException(ErrorKind.CONNECT_FAILED,
                    "a browser speaks HTTP/2 only over TLS: run sse-http2 with the browser stack with --tls");
        }
    }

    private String kind() {
        return switch (transport) {
            case WEBSOCKET -> "websocket";
            case SSE_HTTP1, SSE_HTTP2 -> "sse";
            case LONG_POLLING -> "poll";
        };
    }

    /** Which page connection {@code id} goes to. */
    private int pageIndex(int id) {
        return id % (browser.pages() > 0 ? browser.pages() : BrowserOptions.MAX_PAGES);
    }

    /** {@code uri} under page {@code page}'s own host name: the first page uses the target's. */
    private static URI onPageHost(URI uri, int page) {
        if (page == 0) {
            return uri;
        }
        String text = uri.toString();
        String authority = uri.getRawAuthority();
        int at = text.indexOf("//" + authority);
        String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
        return URI.create(text.substring(0, at) + "//p" + page + "." + PAGE_HOSTS + port
                + text.substring(at + 2 + authority.length()));
    }

    /** Page {@code index}, started (with the browser, for the first) and with its clock estimated. */
    private synchronized PageChannel page(int index, String targetHost) {
        if (closed) {
            throw new DriverException(ErrorKind.CONNECT_FAILED, "the browser driver is closed");
        }
        while (pages.size() <= index) {
            int next = pages.size();
            PageChannel page = new PageChannel(next, connections::get);
            pages.add(page);
            if (next == 0) {
                try {
                    executable = ChromiumExecutable.find();
                } catch (ChromiumExecutable.MissingChromium e) {
                    pages.clear();
                    throw new DriverException(ErrorKind.CONNECT_FAILED, e.getMessage(), e);
                }
                chromium = ChromiumProcess.start(executable, flags(targetHost), List.of(server.pageUrl(0)));
            } else {
                pages.get(0).send(PageChannel.command("newPage").put("url", server.pageUrl(next)));
            }
            awaitReady(page);
        }
        PageChannel page = pages.get(index);
        if (!page.ready().isDone() || page.ready().isCompletedExceptionally() || !page.isOpen()) {
            throw new DriverException(ErrorKind.CONNECT_FAILED, "page " + index + " is not running (it did not load, "
                    + "or Chromium stopped)");
        }
        return page;
    }

    private List<String> flags(String targetHost) {
        List<String> flags = new ArrayList<>();
        flags.add("--disable-popup-blocking");
        flags.add("--host-resolver-rules=MAP *." + PAGE_HOSTS + " " + targetHost);
        if (transport == Transport.SSE_HTTP1) {
            flags.add("--disable-http2");
        }
        return flags;
    }

    private void awaitReady(PageChannel page) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PAGE_START_SECONDS);
        while (true) {
            try {
                page.ready().get(200, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                if (!chromium.isAlive()) {
                    throw new DriverException(ErrorKind.CONNECT_FAILED, "Chromium (" + executable
                            + ") stopped before page " + page.page() + " loaded: " + chromium.logTail());
                }
                if (System.nanoTime() > deadline) {
                    throw new DriverException(ErrorKind.TIMEOUT, "page " + page.page() + " did not load in Chromium ("
                            + executable + ") within " + PAGE_START_SECONDS + " s: " + chromium.logTail());
                }
            } catch (ExecutionException e) {
                throw new DriverException(ErrorKind.CONNECT_FAILED, "page " + page.page() + ": "
                        + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DriverException(ErrorKind.CONNECT_FAILED, "interrupted while page " + page.page() + " loaded");
            }
        }
    }

    /**
     * What the pages measured: the clocks estimated again now (after the run), the subscriptions' waits, and
     * the cost of the handlers and delays of the event loops since the pages started. Null before any page.
     */
    @Override
    public BrowserFigures browserFigures() {
        List<PageChannel> open = pages.stream().filter(PageChannel::isOpen).toList();
        if (open.isEmpty()) {
            return null;
        }
        double errorMillis = 0;
        double driftMillis = 0;
        long handled = 0;
        double handlerMillis = 0;
        List<double[]> lags = new ArrayList<>();
        int neverOpened = 0;
        double maxWaitMillis = tally.maxWaitNanos() / 1e6;
        for (PageChannel page : open) {
            try {
                PageClock before = page.clock();
                PageClock after = page.estimateClock().get(5, TimeUnit.SECONDS);
                double drift = (after.offsetNanos() - before.offsetNanos()) / 1e6;
                double bound = Math.max(before.errorBoundNanos(), after.errorBoundNanos()) / 1e6 + Math.abs(drift);
                errorMillis = Math.max(errorMillis, bound);
                driftMillis = Math.abs(drift) > Math.abs(driftMillis) ? drift : driftMillis;
                PageCost cost = page.cost().get(5, TimeUnit.SECONDS);
                handled += cost.handled();
                handlerMillis += cost.handlerMillis();
                lags.add(cost.loopLags());
                neverOpened += cost.waiting().length;
                for (double wait : cost.waiting()) {
                    maxWaitMillis = Math.max(maxWaitMillis, wait);
                }
            } catch (ExecutionException | TimeoutException e) {
                // A page that does not answer leaves its figures out; the others still count.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        double[] all = lags.stream().flatMapToDouble(Arrays::stream).sorted().toArray();
        return new BrowserFigures(pages.size(), errorMillis, driftMillis, tally.requestedCount(), tally.openedCount(),
                tally.waitedCount(), neverOpened, maxWaitMillis, handled == 0 ? 0 : handlerMillis * 1000 / handled,
                quantile(all, 0.5), quantile(all, 0.99), all.length == 0 ? 0 : all[all.length - 1]);
    }

    private static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
    }

    /** Chromium's CPU time, its child processes' included; 0 before it started or after it stopped. */
    @Override
    public long outsideCpuNanos() {
        ChromiumProcess browserProcess = chromium;
        return browserProcess == null ? 0 : browserProcess.cpuNanos();
    }

    /** The browser's socket bytes are not visible from here: the counter stays at zero. */
    @Override
    public WireCounter wire() {
        return wire;
    }

    /** Not visible from here (the browser pools its connections): 0. */
    @Override
    public long tcpConnectionsOpened() {
        return 0;
    }

    @Override
    public void close() {
        ChromiumProcess browserProcess;
        synchronized (this) {
            closed = true;
            browserProcess = chromium;
            chromium = null;
        }
        connections.values().forEach(BrowserConnection::close);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (connections.values().stream().anyMatch(c -> !c.isClosed()) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        connections.values().forEach(BrowserConnection::finish);
        if (browserProcess != null) {
            browserProcess.close();
        }
        server.close();
    }
}
