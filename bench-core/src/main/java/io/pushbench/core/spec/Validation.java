package io.pushbench.core.spec;

import java.time.Duration;

/** Checks for option values; each message names the option, the value and what is valid. */
final class Validation {

    /** Highest arrival rate accepted, messages per second. */
    static final double MAX_RATE = 10_000_000;

    private Validation() {
    }

    static void rate(String field, double perSecond) {
        if (!(perSecond > 0) || perSecond > MAX_RATE || Double.isNaN(perSecond)) {
            throw new IllegalArgumentException(field + " must be > 0 and <= " + (long) MAX_RATE
                    + " messages per second, was " + perSecond);
        }
    }

    static void positive(String field, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be > 0, was " + value);
        }
    }

    static void range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    static void notNegative(String field, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(field + " must be >= 0, was " + value);
        }
    }

    static void positive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be > 0, was " + value);
        }
    }
}
