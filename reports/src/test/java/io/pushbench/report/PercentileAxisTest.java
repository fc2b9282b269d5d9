package io.pushbench.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The percentile axis: position 1/(1-p), labelled as percentiles. */
class PercentileAxisTest {

    @Test
    void labelsEachNine() {
        assertThat(PercentileAxis.label(1)).isEqualTo("0%");
        assertThat(PercentileAxis.label(10)).isEqualTo("90%");
        assertThat(PercentileAxis.label(100)).isEqualTo("99%");
        assertThat(PercentileAxis.label(1000)).isEqualTo("99.9%");
        assertThat(PercentileAxis.label(10_000)).isEqualTo("99.99%");
    }

    @Test
    void positionsArePercentilesOnTheOneOverOneMinusPScale() {
        assertThat(PercentileAxis.percentile(2)).isEqualTo(50.0);
        assertThat(PercentileAxis.percentile(PercentileAxis.MAX_POSITION)).isCloseTo(99.99, within(1e-9));
    }

    @Test
    void theAxisEndsOnItsLastTick() {
        assertThat(PercentileAxis.create().getRange().getUpperBound()).isEqualTo(10_000);
        assertThat(PercentileAxis.create().getRange().getLowerBound()).isEqualTo(1);
    }
}
