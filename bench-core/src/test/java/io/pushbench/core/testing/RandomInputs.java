package io.pushbench.core.testing;

import java.util.Random;
import java.util.function.Consumer;

/**
 * Property checks over generated inputs, reproducibly: each check runs a fixed number of tries
 * from a fixed seed, and a failure names the try and the seed so that it can be replayed.
 * (Seeded {@link Random} rather than a property-testing library: see the project notes.)
 */
public final class RandomInputs {

    /** Tries per property: enough to hit edge cases in a few hundred milliseconds. */
    public static final int TRIES = 2_000;

    private RandomInputs() {
    }

    /** Runs {@code property} {@link #TRIES} times with a {@link Random} seeded from {@code seed} and the try number. */
    public static void check(long seed, Consumer<Random> property) {
        for (int i = 0; i < TRIES; i++) {
            long trySeed = seed * 31 + i;
            try {
                property.accept(new Random(trySeed));
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("property failed on try " + i + " (seed " + trySeed + "): " + e.getMessage(), e);
            }
        }
    }

    /** A long in {@code [min, max]}, with the bounds and zero chosen often (where edge cases live). */
    public static long longBetween(Random random, long min, long max) {
        switch (random.nextInt(8)) {
            case 0:
                return min;
            case 1:
                return max;
            case 2:
                return Math.max(min, Math.min(max, 0));
            default:
                return min + (long) (random.nextDouble() * ((double) max - min));
        }
    }

    /** Text of up to {@code maxLength} chars drawn from the whole char range, including surrogates and controls. */
    public static String text(Random random, int maxLength) {
        char[] chars = new char[random.nextInt(maxLength + 1)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = random.nextInt(4) == 0 ? (char) random.nextInt(Character.MAX_VALUE + 1)
                    : (char) (' ' + random.nextInt(95));
        }
        return new String(chars);
    }
}
