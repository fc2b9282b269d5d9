package io.pushbench.core.engine;

import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts shared by every connection of a run: errors by kind and deliveries so far. Thread-safe. */
final class RunCounters {

    private final Map<ErrorKind, LongAdder> errors = new EnumMap<>(ErrorKind.class);
    private final LongAdder deliveredInWindow = new LongAdder();
    private final LongAdder sentInWindow = new LongAdder();

    RunCounters() {
        for (ErrorKind kind : ErrorKind.values()) {
            errors.put(kind, new LongAdder());
        }
    }

    void error(DriverException error) {
        errors.get(error.kind()).increment();
    }

    void error(ErrorKind kind) {
        errors.get(kind).increment();
    }

    long errors(ErrorKind kind) {
        return errors.get(kind).sum();
    }

    /** Errors by kind, only the kinds seen, sorted by name. */
    Map<String, Long> errorsById() {
        Map<String, Long> byId = new TreeMap<>();
        errors.forEach((kind, count) -> {
            if (count.sum() > 0) {
                byId.put(kind.id(), count.sum());
            }
        });
        return byId;
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
