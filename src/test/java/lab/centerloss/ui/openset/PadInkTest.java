package lab.centerloss.ui.openset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The pen against geometry worked out by hand: a dot is a disc, a stroke a capsule, ink only grows.
 */
class PadInkTest {
  private int changes;
  private final PadInk ink = new PadInk(() -> changes++);
  private final double radius = PadInk.PEN_RADIUS * PadInk.SIDE; // 0.045 x 112 = 5.04 pixels

  @Test
  @DisplayName(
      "a dot is a disc of the pen's radius: its area pi r^2, full in the middle, none beyond the radius and a half")
  void dotIsADisc() {
    ink.penDown(0.5, 0.5);
    float[] c = ink.coverage();
    int middle = PadInk.SIDE / 2; // the pixel whose centre is 0.5 px from the pen's centre
    assertThat(c[middle * PadInk.SIDE + middle]).isEqualTo(1f);
    assertThat(c[middle * PadInk.SIDE + middle + 7]).isZero(); // 7.5 px away > 5.04 + 0.5
    // the one-pixel soft edge spreads the rim without changing the area much
    assertThat(sum(c)).isCloseTo(Math.PI * radius * radius, within(3.0));
    assertThat(changes).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "a stroke is a capsule: 2r times its length plus a dot; drawing it again adds nothing; clear empties the pad")
  void strokeIsACapsule() {
    ink.penDown(0.2, 0.5);
    ink.penTo(0.8, 0.5);
    double length = 0.6 * PadInk.SIDE;
    double capsule = 2 * radius * length + Math.PI * radius * radius;
    assertThat(sum(ink.coverage())).isCloseTo(capsule, within(0.01 * capsule));
    float[] once = ink.copy();

    ink.penUp();
    ink.penTo(0.8, 0.5); // a pen that was up goes down here: a dot already inked
    ink.penTo(0.2, 0.5);
    assertThat(ink.coverage()).containsExactly(once);

    ink.clear();
    assertThat(sum(ink.coverage())).isZero();
    assertThat(changes).isEqualTo(5);
  }

  private static double sum(float[] values) {
    double total = 0;
    for (float v : values) {
      total += v;
    }
    return total;
  }
}
