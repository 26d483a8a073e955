package lab.centerloss.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.Vec2List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The integer source-over blend against the formula in floating point. */
class PointLayerTest {
  @Test
  void blendsSourceOverWithPremultipliedAlpha() throws Exception {
    PointLayer layer = new PointLayer();
    int background = 0x15181d;
    layer.begin(3, 3, background);
    // One 1x1 sprite per digit: 75% opaque rose, premultiplied.
    double alpha = 0.75;
    int r = 0xCC;
    int g = 0x66;
    int b = 0x77;
    int sprite =
        ((int) Math.round(alpha * 255) << 24)
            | ((int) Math.round(r * alpha) << 16)
            | ((int) Math.round(g * alpha) << 8)
            | (int) Math.round(b * alpha);
    int[][] pixels = new int[10][];
    for (int d = 0; d < 10; d++) {
      pixels[d] = new int[] {sprite};
    }
    layer.add(
        new ViewWindow(0, 0, 1),
        Vec2List.copyOf(new float[] {-0.5f, 0.5f}),
        IntVector.copyOf(new int[] {4}),
        new PointLayer.Sprites(pixels, 1));
    int out = pixelsOf(layer)[4]; // world (-0.5, 0.5) lands on the middle pixel of 3x3
    int a = Math.round(255);
    assertThat(out >>> 24).isEqualTo(a);
    assertThat((out >> 16) & 0xff)
        .isCloseTo((int) Math.round(r * alpha + 0x15 * (1 - alpha)), Assertions.within(1));
    assertThat((out >> 8) & 0xff)
        .isCloseTo((int) Math.round(g * alpha + 0x18 * (1 - alpha)), Assertions.within(1));
    assertThat(out & 0xff)
        .isCloseTo((int) Math.round(b * alpha + 0x1d * (1 - alpha)), Assertions.within(1));
    // untouched neighbours keep the background, opaque
    assertThat(pixelsOf(layer)[0]).isEqualTo(0xff000000 | background);
  }

  @Test
  void pointsOffScreenOrNotFiniteAreSkipped() throws Exception {
    PointLayer layer = new PointLayer();
    layer.begin(4, 4, 0);
    int[][] pixels = new int[10][];
    for (int d = 0; d < 10; d++) {
      pixels[d] = new int[] {0xffffffff};
    }
    layer.add(
        new ViewWindow(0, 0, 1),
        Vec2List.copyOf(new float[] {100, 100, Float.NaN, 0, -100, 2}),
        IntVector.copyOf(new int[] {1, 2, 3}),
        new PointLayer.Sprites(pixels, 1));
    for (int p : pixelsOf(layer)) {
      assertThat(p).isEqualTo(0xff000000);
    }
  }

  private static int[] pixelsOf(PointLayer layer) throws Exception {
    Field field = PointLayer.class.getDeclaredField("pixels");
    field.setAccessible(true);
    return (int[]) field.get(layer);
  }
}
