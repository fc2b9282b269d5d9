package io.pushbench.server;

import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.PushConnection;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Keeps what one connection's listener was told; safe to read from the test thread. */
final class RecordingListener implements ConnectionListener {
    final Queue<String> messages = new ConcurrentLinkedQueue<>();
    final List<DriverException> errors = new CopyOnWriteArrayList<>();
    final AtomicInteger closed = new AtomicInteger();
    final AtomicInteger reconnects = new AtomicInteger();

    @Override
    public void onMessage(PushConnection connection, CharSequence payload, long receivedNanos) {
        messages.add(payload.toString());
    }

    @Override
    public void onError(PushConnection connection, DriverException error) {
        errors.add(error);
    }

    @Override
    public void onReconnect(PushConnection connection, long downtimeNanos) {
        reconnects.incrementAndGet();
    }

    @Override
    public void onClose(PushConnection connection) {
        closed.incrementAndGet();
    }
}
