package io.pushbench.core.engine;

import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts shared by every connection of a run: errors by kind (HTTP status errors by status),
 * the first error's message, messages received and deliveries so far. Thread-safe.
 */
final class RunCounters {

    private final Map<ErrorKind, LongAdder> errors = new EnumMap<>(ErrorKind.class);
    private final Map<Integer, LongAdder> httpStatuses = new ConcurrentHashMap<>();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final LongAdder messages = new LongAdder();
    private final LongAdder deliveredInWindow = new LongAdder();
    private final LongAdder sentInWindow = new LongAdder();

    RunCounters() {
        for (ErrorKind kind : ErrorKind.values()) {
            errors.put(kind, new LongAdder());
        }
    }

    void error(DriverException error) {
        firstError.compareAndSet(null, error.getMessage());
        if (error.httpStatus() > 0) {
            httpStatuses.computeIfAbsent(error.httpStatus(), status -> new LongAdder()).increment();
        } else {
            errors.get(error.kind()).increment();
        }
    }

    void error(ErrorKind kind) {
        errors.get(kind).increment();
    }

    /**
     * Errors by kind, only the kinds seen, sorted by name. HTTP status errors whose status is
     * known are counted per status, as {@code http-status:503}; the values add up to every error.
     */
    Map<String, Long> errorsById() {
        Map<String, Long> byId = new TreeMap<>();
        errors.forEach((kind, count) -> {
            if (count.sum() > 0) {
                byId.put(kind.id(), count.sum());
            }
        });
        httpStatuses.forEach((status, count) -> byId.put(ErrorKind.HTTP_STATUS.id() + ":" + status, count.sum()));
        return byId;
    }

    /** Every error counted so far. */
    long errorTotal() {
        long total = 0;
        for (LongAdder count : errors.values()) {
            total += count.sum();
        }
        for (LongAdder count : httpStatuses.values()) {
            total += count.sum();
        }
        return total;
    }

    /** The message of the first error counted with one, or null. */
    String firstError() {
        return firstError.get();
    }

    /** Counts a message received on any connection, measured or not. */
    void message() {
        messages.increment();
    }

    /** Messages received so far on every connection, warm-up and drain included. */
    long messages() {
        return messages.sum();
    }

    void delivered() {
        deliveredInWindow.increment();
    }

    long deliveredInWindow() {
        return deliveredInWindow.sum();
    }

    void sent() {
        sentInWindow.increment();
    }

    long sentInWindow() {
        return sentInWindow.sum();
    }
}
