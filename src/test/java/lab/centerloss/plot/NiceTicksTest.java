package lab.centerloss.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class NiceTicksTest {
  @Test
  void stepsAreOneTwoOrFiveTimesAPowerOfTen() {
    assertThat(NiceTicks.step(0, 10, 10)).isEqualTo(1);
    assertThat(NiceTicks.step(0, 10, 4)).isEqualTo(2);
    assertThat(NiceTicks.step(0, 0.03, 6)).isCloseTo(0.005, within(1e-15));
    assertThat(NiceTicks.step(-2000, 3000, 5)).isEqualTo(1000);
    assertThat(NiceTicks.step(0, 0, 5)).isEqualTo(1);
  }

  @Test
  void ticksCoverTheRange() {
    assertThat(NiceTicks.ticks(-0.95, 1.2, 4)).containsExactly(-0.5, 0.0, 0.5, 1.0);
    List<Double> ticks = NiceTicks.ticksWithStep(0.01, 0.05, 0.01);
    assertThat(ticks).hasSize(5);
  }

  @Test
  void labelsHaveNoFloatNoise() {
    assertThat(NiceTicks.label(0.1 + 0.2, 0.1)).isEqualTo("0.3");
    assertThat(NiceTicks.label(3 * 0.005, 0.005)).isEqualTo("0.015");
    assertThat(NiceTicks.label(1500, 500)).isEqualTo("1500");
    assertThat(NiceTicks.label(2e-17, 0.1)).isEqualTo("0");
    assertThat(NiceTicks.label(200000, 100000)).isEqualTo("2e5");
    assertThat(NiceTicks.label(2.6e7, 1e6)).isEqualTo("2.6e7");
    assertThat(NiceTicks.label(2.5e7, 5e5)).isEqualTo("2.50e7");
    assertThat(NiceTicks.label(3e-5, 1e-5)).isEqualTo("3e-5");
    assertThat(NiceTicks.label(-0.5, 0.5)).isEqualTo("-0.5");
  }
}
