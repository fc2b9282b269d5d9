package io.pushbench.core.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A staircase of load for a capacity run: {@code from}, then {@code from + step}, ... up to
 * {@code to}, written {@code from..to/step} (e.g. {@code 100..2000/100}); or geometric,
 * {@code from}, then {@code from * step}, ... written {@code from..to*step} (e.g.
 * {@code 500..32000*2}), which spans a wide range in few steps when the limit is not known
 * even to a power of ten. A single number is a fixed load, one step. {@code to} is the last step
 * when it lies on the staircase; otherwise the last step is the highest below it. Immutable.
 *
 * @param from      first step's value, {@code > 0}
 * @param to        highest value, {@code >= from}
 * @param step      increase per step, {@code > 0}; for a geometric ramp the factor, {@code > 1} (ignored when
 *                  {@code from == to})
 * @param geometric whether each step multiplies the previous by {@code step} rather than adding it
 */
public record Ramp(double from, double to, double step, boolean geometric) {

    /** Most steps a ramp may have. */
    public static final int MAX_STEPS = 1000;

    private static final Pattern STAIRS =
            Pattern.compile("\\s*([^.\\s/*]+(?:\\.\\d+)?)\\s*\\.\\.\\s*([^/*\\s]+)\\s*([/*])\\s*(\\S+)\\s*");
    private static final Pattern SINGLE = Pattern.compile("\\s*(\\S+)\\s*");

    /** @throws IllegalArgumentException saying which part is wrong */
    public Ramp {
        if (!(from > 0) || Double.isInfinite(from)) {
            throw new IllegalArgumentException("the first step must be > 0, was " + format(from));
        }
        if (!(to >= from) || Double.isInfinite(to)) {
            throw new IllegalArgumentException("the last step (" + format(to) + ") must not be below the first ("
                    + format(from) + ")");
        }
        if (to > from) {
            if (geometric && (!(step > 1) || Double.isInfinite(step))) {
                throw new IllegalArgumentException("the factor must be > 1, was " + format(step));
            }
            if (!(step > 0) || Double.isInfinite(step)) {
                throw new IllegalArgumentException("the step must be > 0, was " + format(step));
            }
            if (stepCount(from, to, step, geometric) > MAX_STEPS) {
                throw new IllegalArgumentException("from " + format(from) + " to " + format(to) + " by " + format(step)
                        + " makes more than " + MAX_STEPS + " steps; take a larger step");
            }
        } else {
            step = 0;
            geometric = false;
        }
    }

    /** One step at {@code value}. */
    public static Ramp fixed(double value) {
        return new Ramp(value, value, 0, false);
    }

    /**
     * Reads {@code from..to/step}, {@code from..to*factor} or a single value.
     *
     * @throws IllegalArgumentException naming the part that is wrong and the form expected
     */
    @JsonCreator
    public static Ramp parse(String text) {
        Matcher stairs = STAIRS.matcher(text);
        if (stairs.matches()) {
            boolean geometric = stairs.group(3).equals("*");
            try {
                return new Ramp(number(stairs.group(1), "first step"), number(stairs.group(2), "last step"),
                        number(stairs.group(4), geometric ? "factor" : "step"), geometric);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + text.strip() + "': " + e.getMessage() + " (write "
                        + "FROM..TO/STEP or FROM..TO*FACTOR, e.g. 100..2000/100 or 500..32000*2)");
            }
        }
        if (text.contains("..") || text.contains("/") || text.contains("*")) {
            throw new IllegalArgumentException("'" + text + "' is not a ramp: write FROM..TO/STEP or FROM..TO*FACTOR, "
                    + "e.g. 100..2000/100 or 500..32000*2");
        }
        Matcher single = SINGLE.matcher(text);
        if (single.matches()) {
            return fixed(number(single.group(1), "value"));
        }
        throw new IllegalArgumentException("'" + text + "' is not a number or a ramp FROM..TO/STEP or FROM..TO*FACTOR "
                + "(e.g. 100..2000/100)");
    }

    private static double number(String text, String part) {
        try {
            double value = Double.parseDouble(text);
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the " + part + " '" + text + "' is not a number");
        }
    }

    /** Whether this is a single step. */
    public boolean isFixed() {
        return from == to;
    }

    /** The value of every step, in order. */
    public List<Double> values() {
        int count = isFixed() ? 1 : stepCount(from, to, step, geometric);
        List<Double> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(geometric ? from * Math.pow(step, i) : from + i * step);
        }
        return values;
    }

    /**
     * @throws IllegalArgumentException when a step is not a whole number (connections) or above {@code max}
     */
    public Ramp requireWhole(long max) {
        for (double v : values()) {
            if (v != Math.rint(v)) {
                throw new IllegalArgumentException("'" + this + "' must be whole numbers");
            }
        }
        if (to > max) {
            throw new IllegalArgumentException("'" + this + "' goes above the largest allowed, " + max);
        }
        return this;
    }

    private static int stepCount(double from, double to, double step, boolean geometric) {
        // The epsilon keeps 0.1..0.3/0.1 (and 1..1000*10) from losing its last step to rounding.
        double steps = Math.floor((geometric ? Math.log(to / from) / Math.log(step) : (to - from) / step) + 1e-9) + 1;
        return steps > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) steps;
    }

    /** {@code from..to/step}, {@code from..to*factor}, or the single value; whole numbers without a decimal point. */
    @JsonValue
    @Override
    public String toString() {
        return isFixed() ? format(from) : format(from) + ".." + format(to) + (geometric ? "*" : "/") + format(step);
    }

    /** A number as a user writes it: {@code 100}, {@code 0.5}. */
    public static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
