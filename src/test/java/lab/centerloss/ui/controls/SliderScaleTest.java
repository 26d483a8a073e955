package lab.centerloss.ui.controls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SliderScaleTest {
  @Test
  void logScaleGivesEachDecadeTheSameLength() {
    SliderScale lr = HyperparameterForm.LEARNING_RATE_SCALE; // 1e-4 .. 0.1: three decades
    assertThat(lr.toValue(0)).isCloseTo(1e-4, within(1e-15));
    assertThat(lr.toValue(1.0 / 3)).isCloseTo(1e-3, within(1e-12));
    assertThat(lr.toValue(2.0 / 3)).isCloseTo(1e-2, within(1e-12));
    assertThat(lr.toValue(1)).isCloseTo(0.1, within(1e-12));
    assertThat(lr.toPosition(0.01)).isCloseTo(2.0 / 3, within(1e-12));
  }

  @Test
  void lambdaKeepsItsLeftmostNotchForZero() {
    SliderScale lambda = HyperparameterForm.LAMBDA_SCALE; // 0, then 1e-4 .. 1
    assertThat(lambda.toValue(0)).isZero();
    assertThat(lambda.toValue(0.039)).isZero();
    assertThat(lambda.toValue(0.04)).isCloseTo(1e-4, within(1e-15));
    assertThat(lambda.toValue(1)).isCloseTo(1, within(1e-12));
    assertThat(lambda.toValue(0.04 + 0.96 * 0.75)).isCloseTo(0.1, within(1e-12));
    assertThat(lambda.toPosition(0)).isZero();
    assertThat(lambda.toPosition(0.1)).isCloseTo(0.04 + 0.96 * 0.75, within(1e-12));
  }

  @Test
  void positionsAndValuesRoundTrip() {
    SliderScale scale = SliderScale.linear(1, 64);
    for (double p = 0; p <= 1; p += 0.125) {
      assertThat(scale.toPosition(scale.toValue(p))).isCloseTo(p, within(1e-12));
    }
    assertThat(scale.toValue(2)).isEqualTo(64);
    assertThat(scale.toValue(-1)).isEqualTo(1);
  }

  @Test
  void numbersAreShownShortAndExact() {
    assertThat(HyperparameterForm.shortNumber(0.1)).isEqualTo("0.1");
    assertThat(HyperparameterForm.shortNumber(0.01)).isEqualTo("0.01");
    assertThat(HyperparameterForm.shortNumber(0.0031622776)).isEqualTo("0.0032");
    assertThat(HyperparameterForm.shortNumber(1e-4)).isEqualTo("1.0e-4");
    assertThat(HyperparameterForm.shortNumber(0)).isEqualTo("0");
    assertThat(HyperparameterForm.shortNumber(20)).isEqualTo("20");
  }
}
