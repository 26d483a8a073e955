package lab.centerloss.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import lab.centerloss.train.HeadKind;
import org.junit.jupiter.api.Test;

class MarginGeometryTest {
  /** Ten directions 36 degrees apart, the most ten classes can have. */
  private static double[] evenlySpread() {
    double[] angles = new double[10];
    for (int j = 0; j < 10; j++) {
      angles[j] = 2 * Math.PI * j / 10;
    }
    return angles;
  }

  @Test
  void arcFaceWedgeIsMWideAroundTheBisector() {
    List<MarginGeometry.Wedge> wedges =
        MarginGeometry.wedges(evenlySpread(), HeadKind.ARCFACE, 0.3);
    assertThat(wedges).hasSize(10);
    for (MarginGeometry.Wedge w : wedges) {
      assertThat(w.width()).isCloseTo(0.3, within(1e-12));
      assertThat(w.unreachable()).isFalse();
    }
    MarginGeometry.Wedge first = wedges.get(0);
    assertThat(first.lowerClass()).isZero();
    assertThat(first.upperClass()).isEqualTo(1);
    assertThat((first.fromAngle() + first.toAngle()) / 2).isCloseTo(Math.PI / 10, within(1e-12));
  }

  @Test
  void arcFaceMarginWiderThanTheGapCannotBeMet() {
    // 36 degrees = 0.628 rad between neighbours: m = 0.7 leaves no angle where either class wins.
    List<MarginGeometry.Wedge> wedges =
        MarginGeometry.wedges(evenlySpread(), HeadKind.ARCFACE, 0.7);
    assertThat(wedges).allMatch(MarginGeometry.Wedge::unreachable);
    assertThat(wedges.get(0).width()).isCloseTo(2 * Math.PI / 10, within(1e-12));
  }

  @Test
  void cosFaceBoundarySatisfiesItsEquation() {
    double gap = 2 * Math.PI / 10;
    double m = 0.1;
    double t = MarginGeometry.marginBoundary(gap, HeadKind.COSFACE, m);
    assertThat(Math.cos(t) - m).isCloseTo(Math.cos(gap - t), within(1e-9));
    // 1 - cos(36 deg) = 0.191: a larger CosFace margin cannot be met between neighbours.
    assertThat(MarginGeometry.marginBoundary(gap, HeadKind.COSFACE, 0.2)).isNegative();
    assertThat(MarginGeometry.marginBoundary(gap, HeadKind.COSFACE, 0.18)).isPositive();
  }

  @Test
  void noMarginLeavesOnlyTheBisector() {
    for (MarginGeometry.Wedge w : MarginGeometry.wedges(evenlySpread(), HeadKind.NORMFACE, 0.5)) {
      assertThat(w.width()).isCloseTo(0, within(1e-12));
    }
  }

  @Test
  void unevenDirectionsAreSortedAndWrapAround() {
    double[] angles = {3.0, -3.0, 0.1}; // -3.0 is 3.28 after wrapping
    List<MarginGeometry.Wedge> wedges = MarginGeometry.wedges(angles, HeadKind.ARCFACE, 0.1);
    assertThat(wedges).extracting(MarginGeometry.Wedge::lowerClass).containsExactly(2, 0, 1);
    MarginGeometry.Wedge last = wedges.get(2);
    assertThat(last.upperClass()).isEqualTo(2);
    double gap = 0.1 + 2 * Math.PI - (2 * Math.PI - 3.0);
    assertThat((last.fromAngle() + last.toAngle()) / 2)
        .isCloseTo(2 * Math.PI - 3.0 + gap / 2, within(1e-12));
  }
}
