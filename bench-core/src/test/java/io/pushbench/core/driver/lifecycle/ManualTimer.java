package io.pushbench.core.driver.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A timer whose delayed tasks wait until the test {@link #fire() fires} them, so that a test
 * decides when a reconnect's wait is over and can act while it lasts. Tasks without a delay run at
 * once on its thread.
 *
 * <p>Thread-safe.
 */
final class ManualTimer extends ScheduledThreadPoolExecutor {

    private final List<Held> held = new ArrayList<>();
    private int delayed;

    ManualTimer() {
        super(1, r -> {
            Thread t = new Thread(r, "manual-timer");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        if (delay <= 0) {
            return super.schedule(command, 0, TimeUnit.NANOSECONDS);
        }
        ScheduledFuture<?> future = super.schedule(command, 1, TimeUnit.DAYS);
        held.add(new Held(command, future));
        delayed++;
        return future;
    }

    /** Delayed tasks scheduled so far, cancelled ones included. */
    synchronized int delayed() {
        return delayed;
    }

    /** Delayed tasks waiting to be fired: scheduled, not cancelled, not fired. */
    synchronized int waiting() {
        return (int) held.stream().filter(h -> !h.future.isCancelled()).count();
    }

    /** Runs every waiting task now, on the timer's thread, and waits until they ran. */
    void fire() throws Exception {
        List<Held> due;
        synchronized (this) {
            due = new ArrayList<>(held);
            held.clear();
        }
        for (Held h : due) {
            if (h.future.cancel(false)) {
                super.schedule(h.command, 0, TimeUnit.NANOSECONDS).get(ListenerLog.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        }
    }

    private record Held(Runnable command, ScheduledFuture<?> future) {
    }
}
