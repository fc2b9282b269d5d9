package io.pushbench.core.driver.browser;

import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.PushConnection;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One subscription a page holds: its events come from the page's {@link PageChannel}, on the page
 * server's event loop, and go to the connection's listener; sends and closes go to the page.
 */
final class BrowserConnection implements PushConnection {

    private final int id;
    private final PageChannel page;
    private final ConnectionListener listener;
    private final BrowserTally tally;
    private final CompletableFuture<PushConnection> connected = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean open;
    private volatile boolean everOpened;

    BrowserConnection(int id, PageChannel page, ConnectionListener listener, BrowserTally tally) {
        this.id = id;
        this.page = page;
        this.listener = listener;
        this.tally = tally;
    }

    /** Completes when the page's subscription opened, or when it is counted as waiting (see {@link BrowserDriver}). */
    CompletableFuture<PushConnection> connected() {
        return connected;
    }

    PageChannel page() {
        return page;
    }

    @Override
    public int id() {
        return id;
    }

    void opened(double waitMillis) {
        long waitNanos = Math.round(waitMillis * 1e6);
        open = true;
        everOpened = true;
        page.noteOpened();
        tally.opened(waitNanos);
        listener.onOpen(this, waitNanos);
        connected.complete(this);
    }

    /**
     * The subscription has not opened within the wait the driver allows: the connection is handed to the run
     * anyway, not open, so that the run measures what a page with a stream held back by the browser receives.
     */
    void stillWaiting() {
        if (connected.complete(this)) {
            tally.heldBack();
        }
    }

    /** Whether the connection closed (and its listener heard so). */
    boolean isClosed() {
        return closed.get();
    }

    boolean everOpened() {
        return everOpened;
    }

    void received(String text, long receivedNanos) {
        listener.onMessage(this, text, receivedNanos);
    }

    void reconnected(double downMillis) {
        open = true;
        listener.onReconnect(this, Math.round(downMillis * 1e6));
    }

    void failed(String what) {
        open = false;
        listener.onError(this, new DriverException(ErrorKind.IO, "page " + page.page() + ": " + what));
    }

    void closedByPage() {
        finish();
    }

    /** The page or the browser is gone: the connection closes without the page saying so. */
    void finish() {
        open = false;
        if (closed.compareAndSet(false, true)) {
            connected.completeExceptionally(new DriverException(ErrorKind.CONNECT_FAILED,
                    "page " + page.page() + " closed before the subscription opened"));
            listener.onClose(this);
        }
    }

    @Override
    public CompletableFuture<Void> send(String message) {
        page.send(PageChannel.command("send").put("id", id).put("text", message));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        if (closed.get()) {
            return;
        }
        if (page.isOpen()) {
            page.send(PageChannel.command("close").put("id", id));
        } else {
            finish();
        }
    }
}
