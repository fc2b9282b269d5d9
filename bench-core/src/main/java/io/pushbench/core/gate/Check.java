package io.pushbench.core.gate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;

/**
 * The outcome of one check of a gate: one threshold on one transport ({@code websocket},
 * {@code p99<5ms}), or one regression allowance on one transport ({@code p99:+20%}). Written to
 * {@code result.json} under {@value Thresholds#RESULT_FIELD} for thresholds, and as one test case
 * each to JUnit XML. Immutable.
 *
 * @param subject what was checked: a transport's label, e.g. {@code websocket} or {@code websocket/okhttp}
 * @param name    the check as written, e.g. {@code p99<5ms} or {@code p99:+20%}
 * @param status  passed, failed, or inconclusive (the data could not tell: not a failure)
 * @param detail  what was measured and, when it failed, by how much, e.g. {@code p99 12.3 ms >= 5 ms}
 */
public record Check(String subject, String name, Status status, String detail) {

    /** How a check came out. */
    public enum Status {
        /** Met. */
        PASSED("passed"),
        /** Broken: the gate fails. */
        FAILED("failed"),
        /** Neither shown met nor shown broken: the figure varies more than the check could tell apart. */
        INCONCLUSIVE("inconclusive");

        private final String word;

        Status(String word) {
            this.word = word;
        }

        /** {@code passed}, {@code failed} or {@code inconclusive}: how it is written in files. */
        @JsonValue
        public String word() {
            return word;
        }

        /** The status written as {@link #word()}. */
        @JsonCreator
        public static Status of(String word) {
            for (Status s : values()) {
                if (s.word.equals(word)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown check status '" + word + "' (valid: passed, failed, "
                    + "inconclusive)");
        }
    }

    /** Whether this check broke the gate. */
    @JsonIgnore
    public boolean failed() {
        return status == Status.FAILED;
    }

    /** One line for people, e.g. {@code failed: websocket p99<5ms: p99 12.3 ms >= 5 ms}. */
    public String line() {
        return status.word() + ": " + subject + " " + name + ": " + detail;
    }

    /** Whether any of {@code checks} failed. */
    public static boolean anyFailed(List<Check> checks) {
        return checks.stream().anyMatch(Check::failed);
    }

    /** How many of {@code checks} came out {@code status}. */
    public static long count(List<Check> checks, Status status) {
        return checks.stream().filter(c -> c.status() == status).count();
    }

    /** A count for a heading, e.g. {@code 2 of 8 failed, 1 inconclusive} or {@code all 8 passed}. */
    public static String tally(List<Check> checks) {
        long failed = count(checks, Status.FAILED);
        long inconclusive = count(checks, Status.INCONCLUSIVE);
        if (failed == 0 && inconclusive == 0) {
            return checks.size() == 1 ? "1 passed" : "all " + checks.size() + " passed";
        }
        StringBuilder tally = new StringBuilder();
        if (failed > 0) {
            tally.append(failed).append(" of ").append(checks.size()).append(" failed");
        }
        if (inconclusive > 0) {
            tally.append(tally.isEmpty() ? inconclusive + " of " + checks.size() : ", " + inconclusive)
                    .append(" inconclusive");
        }
        return tally.toString();
    }
}
