package io.pushbench.report;

import org.junit.jupiter.api.Test;

import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

/** Which way a figure moved, one rule per test. */
class ChangeTest {

    private static Change change(Figure figure, double baseline, double current) {
        return new Change(figure, OptionalDouble.of(baseline), OptionalDouble.of(current));
    }

    @Test
    void higherLatencyIsWorse() {
        Change c = change(Figure.P99, 1.0, 1.5);
        assertThat(c.verdict()).isEqualTo(Change.Verdict.WORSE);
        assertThat(c.percent()).isEqualTo("+50.0%");
        assertThat(c.arrow()).isEqualTo("\u25B2");
    }

    @Test
    void higherThroughputIsBetter() {
        Change c = change(Figure.DELIVERED, 1000, 900);
        assertThat(c.verdict()).isEqualTo(Change.Verdict.WORSE);
        assertThat(c.percent()).isEqualTo("-10.0%");
        assertThat(change(Figure.DELIVERED, 900, 1000).verdict()).isEqualTo(Change.Verdict.BETTER);
    }

    @Test
    void valuesThatLookTheSameAreTheSame() {
        // Both show as 1.000 ms.
        Change c = change(Figure.P50, 1.0001, 1.0004);
        assertThat(c.verdict()).isEqualTo(Change.Verdict.SAME);
        assertThat(c.percent()).isEqualTo("0%");
        assertThat(c.arrow()).isEqualTo("=");
    }

    @Test
    void aSmallChangeKeepsTwoDecimals() {
        assertThat(change(Figure.DELIVERED, 10_000, 10_002.3).percent()).isEqualTo("+0.02%");
    }

    @Test
    void aChangeFromZeroHasADirectionButNoPercentage() {
        Change c = change(Figure.LOST, 0, 12);
        assertThat(c.verdict()).isEqualTo(Change.Verdict.WORSE);
        assertThat(c.percent()).isEqualTo("\u2013");
    }

    @Test
    void aFigureMissingFromOneRunIsNotJudged() {
        Change c = new Change(Figure.WIRE, OptionalDouble.empty(), OptionalDouble.of(260));
        assertThat(c.verdict()).isEqualTo(Change.Verdict.UNKNOWN);
        assertThat(c.percent()).isEqualTo("\u2013");
        assertThat(c.arrow()).isEmpty();
    }
}
