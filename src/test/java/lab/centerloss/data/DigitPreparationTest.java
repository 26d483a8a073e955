package lab.centerloss.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** MNIST's preparation of a digit, checked on shapes whose result is known by hand. */
class DigitPreparationTest {
  private static final int FIELD = 28;

  private static float[] rectangle(int width, int height, int left, int top, int w, int h) {
    float[] ink = new float[width * height];
    for (int y = top; y < top + h; y++) {
      for (int x = left; x < left + w; x++) {
        ink[y * width + x] = 1;
      }
    }
    return ink;
  }

  /** Asserts full ink exactly in columns [c0, c1] and rows [r0, r1] and paper elsewhere. */
  private static void assertBlock(byte[] image, int c0, int c1, int r0, int r1) {
    for (int v = 0; v < FIELD; v++) {
      for (int u = 0; u < FIELD; u++) {
        int expected = u >= c0 && u <= c1 && v >= r0 && v <= r1 ? 255 : 0;
        assertThat(image[v * FIELD + u] & 0xFF).as("pixel (%d, %d)", u, v).isEqualTo(expected);
      }
    }
  }

  @Test
  @DisplayName("nothing drawn prepares to nothing")
  void emptyIsEmpty() {
    assertThat(DigitPreparation.prepare(new float[50 * 40], 50, 40)).isEmpty();
  }

  @Test
  @DisplayName(
      "a 10x5 bar anywhere becomes a 20x10 bar with its center of mass on pixel 14: columns 5-24, rows 10-19")
  void wideBarFitsTheBox() {
    byte[] image = DigitPreparation.prepare(rectangle(50, 50, 31, 2, 10, 5), 50, 50).orElseThrow();
    assertBlock(image, 5, 24, 10, 19);
  }

  @Test
  @DisplayName("a tall 4x8 bar keeps its aspect: 10x20, columns 10-19, rows 5-24")
  void tallBarKeepsItsAspect() {
    byte[] image = DigitPreparation.prepare(rectangle(30, 30, 0, 20, 4, 8), 30, 30).orElseThrow();
    assertBlock(image, 10, 19, 5, 24);
  }

  @Test
  @DisplayName("one pixel fills the 20x20 box")
  void onePixelFillsTheBox() {
    byte[] image = DigitPreparation.prepare(rectangle(9, 7, 8, 6, 1, 1), 9, 7).orElseThrow();
    assertBlock(image, 5, 24, 5, 24);
  }

  @Test
  @DisplayName(
      "the center of mass, not the box, is what lands on pixel 14, moved by whole pixels as MNIST's were")
  void centerOfMassToTheMiddle() {
    // a full block and a half-ink one, corner to corner in a 20x20 box: the mass's middle is
    // at (3 * 36 + 17 * 18) / 54 = 7.67 of the box, its middle at 10; 14.5 - 7.67 = 6.83
    // rounds to 7: the box lands on 7..26, and its pixels are the source's, moved
    float[] ink = rectangle(20, 20, 0, 0, 6, 6);
    for (int y = 14; y < 20; y++) {
      for (int x = 14; x < 20; x++) {
        ink[y * 20 + x] = 0.5f;
      }
    }
    byte[] image = DigitPreparation.prepare(ink, 20, 20).orElseThrow();
    for (int v = 0; v < FIELD; v++) {
      for (int u = 0; u < FIELD; u++) {
        boolean inside = u >= 7 && v >= 7 && u < 27 && v < 27;
        int expected = inside ? Math.round(255 * ink[(v - 7) * 20 + (u - 7)]) : 0;
        assertThat(image[v * FIELD + u] & 0xFF).as("pixel (%d, %d)", u, v).isEqualTo(expected);
      }
    }
    double mass = 0;
    double mx = 0;
    double my = 0;
    for (int v = 0; v < FIELD; v++) {
      for (int u = 0; u < FIELD; u++) {
        double value = image[v * FIELD + u] & 0xFF;
        mass += value;
        mx += value * (u + 0.5);
        my += value * (v + 0.5);
      }
    }
    // within half a pixel of 14.5: (255 * 10 + 128 * 24) / (255 + 128) = 14.679 in bytes
    // (half ink is byte 128), 7 + 7.667 in the ink
    assertThat(mx / mass).isCloseTo(14.679, within(0.001));
    assertThat(my / mass).isCloseTo(14.679, within(0.001));
  }

  @Test
  @DisplayName("half ink stays half ink: area averaging keeps grey levels")
  void greyLevelsKept() {
    float[] ink = new float[20 * 20];
    Arrays.fill(ink, 0.5f);
    byte[] image = DigitPreparation.prepare(ink, 20, 20).orElseThrow();
    assertThat(image[14 * FIELD + 14] & 0xFF).isEqualTo(128);
    assertThat(image[2 * FIELD + 2] & 0xFF).isZero();
  }

  @Test
  @DisplayName("ink of the wrong size is refused")
  void wrongSize() {
    assertThatThrownBy(() -> DigitPreparation.prepare(new float[10], 4, 4))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
