package lab.centerloss.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import lab.centerloss.train.HeadKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The target-logit curves against the papers' formulas, worked by hand at a few angles. */
class TargetLogitTest {
  private static final double S = 16;

  @Test
  @DisplayName("NormFace s cos(theta); CosFace lowers it by s m everywhere")
  void normFaceAndCosFace() {
    assertThat(TargetLogit.value(HeadKind.NORMFACE, 0, S, 0.35)).isCloseTo(16, within(1e-12));
    assertThat(TargetLogit.value(HeadKind.NORMFACE, Math.PI / 2, S, 0.35))
        .isCloseTo(0, within(1e-12));
    for (double theta = 0; theta <= Math.PI; theta += 0.1) {
      assertThat(TargetLogit.value(HeadKind.COSFACE, theta, S, 0.35))
          .isCloseTo(
              TargetLogit.value(HeadKind.NORMFACE, theta, S, 0.35) - S * 0.35, within(1e-12));
    }
  }

  @Test
  @DisplayName(
      "ArcFace: s cos(theta + m) up to pi - m, then s (cos theta - m sin m), falling all the way")
  void arcFace() {
    double m = 0.5;
    // at 60 degrees: 16 cos(60 deg + 0.5 rad) = 16 cos(1.5472) = 16 sin(0.0236) = 0.3775
    assertThat(TargetLogit.value(HeadKind.ARCFACE, Math.PI / 3, S, m))
        .isCloseTo(16 * Math.cos(Math.PI / 3 + m), within(1e-12))
        .isCloseTo(0.3775, within(1e-4));
    // past pi - m the fallback: at theta = pi, 16 (-1 - 0.5 sin 0.5) = -19.835
    assertThat(TargetLogit.value(HeadKind.ARCFACE, Math.PI, S, m)).isCloseTo(-19.835, within(1e-3));
    double previous = Double.POSITIVE_INFINITY;
    for (int i = 0; i <= 1000; i++) {
      double v = TargetLogit.value(HeadKind.ARCFACE, Math.PI * i / 1000, S, m);
      assertThat(v).as("never rises again, at step %d", i).isLessThan(previous);
      previous = v;
    }
    assertThat(TargetLogit.arcFaceFallbackAngle(m)).isCloseTo(Math.PI - 0.5, within(1e-15));
  }

  @Test
  @DisplayName("ten directions on a circle are at most 36 degrees apart")
  void tenDirections() {
    assertThat(Math.toDegrees(TargetLogit.largestGap(10))).isCloseTo(36, within(1e-12));
  }
}
