package lab.centerloss.ui.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Steady chart bounds: rounded outwards, changing a few times a decade. Expected values worked out
 * by hand.
 */
class AxisRangeTest {
  private static void assertRange(AxisRange actual, double lower, double upper, double tick) {
    assertThat(actual.lower()).isCloseTo(lower, within(1e-9));
    assertThat(actual.upper()).isCloseTo(upper, within(1e-9));
    assertThat(actual.tick()).isCloseTo(tick, within(1e-9));
  }

  @Test
  @DisplayName(
      "steps: the span rounds up to 1, 2 or 5 times a power of ten, at least 100, from the first step's tick")
  void steps() {
    assertRange(AxisRange.steps(0, 37), 0, 100, 20);
    assertRange(AxisRange.steps(1, 100), 0, 100, 20);
    assertRange(AxisRange.steps(0, 150), 0, 200, 50);
    assertRange(AxisRange.steps(1, 990), 0, 1000, 200);
    assertRange(AxisRange.steps(0, 1001), 0, 2000, 500);
    assertRange(AxisRange.steps(5000, 5120), 5000, 5200, 50);
    assertRange(AxisRange.steps(5090, 5250), 5050, 5250, 50);
    // 5049 rounds down to 5000 and 5200 no longer reaches 5240: the next span, 500
    assertRange(AxisRange.steps(5049, 5240), 5000, 5500, 100);
  }

  @Test
  @DisplayName("steps: no data, or a range backwards, gives steps 0 to 100")
  void noSteps() {
    assertThat(AxisRange.steps(Double.NaN, Double.NaN)).isEqualTo(AxisRange.NO_STEPS);
    assertThat(AxisRange.steps(10, 5)).isEqualTo(AxisRange.NO_STEPS);
  }

  @Test
  @DisplayName(
      "a run growing from step 1 to 10,000 moves the steps axis 7 times, always covering every step")
  void stepsAxisMovesSeldom() {
    Set<AxisRange> seen = new HashSet<>();
    for (int last = 1; last <= 10_000; last++) {
      AxisRange r = AxisRange.steps(1, last);
      assertThat(r.lower()).isLessThanOrEqualTo(1);
      assertThat(r.upper()).isGreaterThanOrEqualTo(last);
      seen.add(r);
    }
    assertThat(seen).hasSize(7); // spans 100, 200, 500, 1000, 2000, 5000, 10000
  }

  @Test
  @DisplayName(
      "loss: from 0 to the largest loss rounded up to 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten")
  void loss() {
    assertRange(AxisRange.loss(2.302585), 0, 2.5, 0.5); // ln 10, an untrained ten-class head
    assertRange(AxisRange.loss(0.3), 0, 0.3, 0.05);
    assertRange(AxisRange.loss(7), 0, 8, 2);
    assertRange(AxisRange.loss(17.2), 0, 20, 5);
    assertRange(AxisRange.loss(81), 0, 100, 20);
    assertThat(AxisRange.loss(0)).isEqualTo(AxisRange.NO_LOSS);
    assertThat(AxisRange.loss(Double.NaN)).isEqualTo(AxisRange.NO_LOSS);
    assertThat(AxisRange.loss(Double.POSITIVE_INFINITY)).isEqualTo(AxisRange.NO_LOSS);
  }
}
