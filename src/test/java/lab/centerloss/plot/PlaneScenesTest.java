package lab.centerloss.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import lab.centerloss.testing.SnapshotBuilder;
import lab.centerloss.train.HeadKind;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.Vec2List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PlaneScenesTest {
  @Test
  @DisplayName(
      "the caption keeps its gaps before m and s (a properties file drops a value's leading spaces unless escaped)")
  void captionGaps() {
    Hyperparameters arcFace = Hyperparameters.recommendedFor(HeadKind.ARCFACE);
    String caption =
        PlaneScenes.caption(SnapshotBuilder.aStep().step(100).hyperparameters(arcFace).build());
    assertThat(caption).matches("step 100   ArcFace   λ .*   lr \\S+   m \\d\\.\\d\\d   s \\d+");
  }

  @Test
  @DisplayName(
      "without unknowns: only the test points of known digits stay, in order, with their labels")
  void withoutUnknowns() {
    var points = Vec2List.copyOf(new float[] {0, 0, 1, 1, 2, 2, 3, 3});
    var labels = IntVector.copyOf(new int[] {2, 0, 3, 10});
    PlaneScene scene =
        new PlaneScene(
                new ViewWindow(0, 0, 10),
                points,
                labels,
                points,
                labels,
                Vec2List.copyOf(new float[4]),
                List.of(),
                -1,
                false,
                "")
            .withKnownDigits((1 << 2) | (1 << 3));
    PlaneScene known = scene.withoutUnknowns();
    assertThat(known.testLabels().size()).isEqualTo(2);
    assertThat(known.testLabels().get(0)).isEqualTo(2);
    assertThat(known.testLabels().get(1)).isEqualTo(3);
    assertThat(known.testPoints().x(1)).isEqualTo(2f);
    assertThat(known.trainPoints()).isSameAs(points);
    PlaneScene allKnown = scene.withKnownDigits(Hyperparameters.ALL_DIGITS);
    assertThat(allKnown.withoutUnknowns().testLabels().size())
        .as("label 10 is never known")
        .isEqualTo(3);
  }
}
