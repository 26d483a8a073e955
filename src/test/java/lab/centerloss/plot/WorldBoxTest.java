package lab.centerloss.plot;

import static org.assertj.core.api.Assertions.assertThat;

import lab.centerloss.train.Vec2List;
import org.junit.jupiter.api.Test;

class WorldBoxTest {
  @Test
  void aFewStrayPointsDoNotDecideTheBox() {
    float[] xy = new float[2 * 1000];
    for (int i = 0; i < 1000; i++) {
      xy[2 * i] = (i % 100) / 100f;
      xy[2 * i + 1] = (i / 10) / 100f;
    }
    xy[0] = 1e6f; // one outlier
    xy[3] = Float.NaN;
    WorldBox box =
        WorldBox.robust(Vec2List.copyOf(xy), Vec2List.copyOf(new float[] {0.5f, 0.5f}), 0.005);
    assertThat(box.maxX()).isLessThan(1.1);
    assertThat(box.minX()).isGreaterThanOrEqualTo(0);
    assertThat(box.maxY()).isLessThan(1.1);
  }

  @Test
  void centersAreAlwaysInside() {
    WorldBox box =
        WorldBox.robust(
            Vec2List.copyOf(new float[] {0, 0, 1, 1}),
            Vec2List.copyOf(new float[] {-50, 20}),
            0.01);
    assertThat(box.minX()).isLessThanOrEqualTo(-50);
    assertThat(box.maxY()).isGreaterThanOrEqualTo(20);
  }

  @Test
  void nothingToShowGivesAUnitBox() {
    WorldBox box =
        WorldBox.robust(Vec2List.copyOf(new float[0]), Vec2List.copyOf(new float[0]), 0.01);
    assertThat(box).isEqualTo(WorldBox.around(0, 0, 1));
  }
}
