package io.pushbench.core.driver.lifecycle;

import io.pushbench.core.driver.PushConnection;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Closes connections from several threads at once, racing whatever else waits for the same signal. */
final class RacingCloses {

    private RacingCloses() {
    }

    /**
     * Starts {@code threadsEach} threads per connection that close it once {@code go} opens, opens
     * it (so that whatever else waits on it, a server dropping the connections, runs at the same
     * moment), and waits until every close returned.
     */
    static void closeAtOnce(List<? extends PushConnection> connections, int threadsEach, CountDownLatch go)
            throws InterruptedException {
        List<Thread> closers = new ArrayList<>();
        for (PushConnection connection : connections) {
            for (int t = 0; t < threadsEach; t++) {
                Thread closer = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    connection.close();
                }, "closer-" + connection.id() + "-" + t);
                closer.start();
                closers.add(closer);
            }
        }
        go.countDown();
        for (Thread closer : closers) {
            closer.join();
        }
    }
}
