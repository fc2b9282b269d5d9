package io.pushbench.core.spec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The staircase notation FROM..TO/STEP: its steps, and errors that name the wrong part. */
class RampTest {

    @Test
    void aStaircaseClimbsFromFirstToLastByStep() {
        Ramp ramp = Ramp.parse("100..1000/100");
        assertThat(ramp.values()).containsExactly(100.0, 200.0, 300.0, 400.0, 500.0, 600.0, 700.0, 800.0, 900.0, 1000.0);
        assertThat(ramp.isFixed()).isFalse();
        assertThat(ramp).hasToString("100..1000/100");
    }

    @Test
    void aLastValueOffTheStaircaseIsNotReached() {
        assertThat(Ramp.parse("100..350/100").values()).containsExactly(100.0, 200.0, 300.0);
    }

    @Test
    void decimalStepsKeepTheirLastStep() {
        assertThat(Ramp.parse("0.1..0.3/0.1").values()).hasSize(3);
    }

    @Test
    void aSingleNumberIsOneStep() {
        Ramp ramp = Ramp.parse(" 500 ");
        assertThat(ramp.values()).containsExactly(500.0);
        assertThat(ramp.isFixed()).isTrue();
        assertThat(ramp).hasToString("500");
        assertThat(Ramp.parse("500..500/10").isFixed()).isTrue();
    }

    @Test
    void errorsNameThePartThatIsWrong() {
        assertThatThrownBy(() -> Ramp.parse("abc..2000/100")).hasMessageContaining("first step 'abc'");
        assertThatThrownBy(() -> Ramp.parse("100..x/100")).hasMessageContaining("last step 'x'");
        assertThatThrownBy(() -> Ramp.parse("100..2000/0")).hasMessageContaining("step must be > 0");
        assertThatThrownBy(() -> Ramp.parse("100..50/10")).hasMessageContaining("last step (50)")
                .hasMessageContaining("first (100)");
        assertThatThrownBy(() -> Ramp.parse("100..2000")).hasMessageContaining("FROM..TO/STEP");
        assertThatThrownBy(() -> Ramp.parse("0")).hasMessageContaining("first step must be > 0");
        assertThatThrownBy(() -> Ramp.parse("1..100000/1")).hasMessageContaining("more than 1000 steps");
    }

    @Test
    void connectionsMustBeWholeAndBounded() {
        assertThatThrownBy(() -> Ramp.parse("10.5").requireWhole(100)).hasMessageContaining("whole numbers");
        assertThatThrownBy(() -> Ramp.parse("10..100/2.5").requireWhole(1000)).hasMessageContaining("whole numbers");
        assertThatThrownBy(() -> Ramp.parse("10..200/10").requireWhole(100)).hasMessageContaining("above the largest");
        assertThat(Ramp.parse("10..100/10").requireWhole(100).values()).hasSize(10);
    }

    @Test
    void aGeometricStaircaseMultipliesByItsFactor() {
        Ramp ramp = Ramp.parse("500..32000*2");
        assertThat(ramp.values()).containsExactly(500.0, 1000.0, 2000.0, 4000.0, 8000.0, 16000.0, 32000.0);
        assertThat(ramp.geometric()).isTrue();
        assertThat(ramp).hasToString("500..32000*2");
        assertThat(Ramp.parse("1..1000*10").values()).containsExactly(1.0, 10.0, 100.0, 1000.0);
        assertThat(Ramp.parse("100..300*2").values()).containsExactly(100.0, 200.0);
    }

    @Test
    void aGeometricStaircaseMustClimbAndNamesItsForm() {
        assertThatThrownBy(() -> Ramp.parse("100..800*1")).hasMessageContaining("factor must be > 1")
                .hasMessageContaining("FROM..TO*FACTOR");
        assertThatThrownBy(() -> Ramp.parse("100..800*0.5")).hasMessageContaining("factor must be > 1");
        assertThatThrownBy(() -> Ramp.parse("100..800*x")).hasMessageContaining("factor 'x'");
        assertThatThrownBy(() -> Ramp.parse("100*2")).hasMessageContaining("FROM..TO*FACTOR");
    }

    @Test
    void geometricConnectionsMustBeWholeAtEveryStep() {
        assertThat(Ramp.parse("10..40*2").requireWhole(100).values()).containsExactly(10.0, 20.0, 40.0);
        assertThatThrownBy(() -> Ramp.parse("10..40*1.5").requireWhole(100)).hasMessageContaining("whole numbers");
    }
}
