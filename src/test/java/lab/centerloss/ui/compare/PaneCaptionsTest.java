package lab.centerloss.ui.compare;

import static org.assertj.core.api.Assertions.assertThat;

import lab.centerloss.testing.SnapshotBuilder;
import lab.centerloss.train.FloatVector;
import lab.centerloss.train.HeadKind;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.Vec2List;
import lab.centerloss.ui.model.RunHistory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A comparison pane's caption: every number of one step, the step of the probe it names. */
class PaneCaptionsTest {

  /** Ten unit directions, class j at {@code spacing * j} degrees. */
  private static Vec2List directions(double spacing) {
    float[] xy = new float[20];
    for (int j = 0; j < 10; j++) {
      xy[2 * j] = (float) Math.cos(Math.toRadians(spacing * j));
      xy[2 * j + 1] = (float) Math.sin(Math.toRadians(spacing * j));
    }
    return Vec2List.copyOf(xy);
  }

  /** Ten centers on the x axis, at {@code offset + j}. */
  private static Vec2List centers(float offset) {
    float[] xy = new float[20];
    for (int j = 0; j < 10; j++) {
      xy[2 * j] = offset + j;
    }
    return Vec2List.copyOf(xy);
  }

  @Test
  @DisplayName(
      "a step that carries an earlier probe is captioned with that step's centers and class directions, and names that step")
  void numbersOfTheProbesStep() {
    RunHistory history = new RunHistory();
    Hyperparameters arcFace = Hyperparameters.recommendedFor(HeadKind.ARCFACE);
    float[] features = new float[20];
    int[] labels = new int[10];
    for (int j = 0; j < 10; j++) {
      features[2 * j] = j; // each feature on its class's center of step 20
      labels[j] = j;
    }
    ProbeResult probe =
        new ProbeResult(
            20, Vec2List.copyOf(features), IntVector.copyOf(labels), IntVector.copyOf(labels));
    FloatVector bias = FloatVector.copyOf(new float[10]);
    history
        .listener()
        .onSnapshot(
            SnapshotBuilder.aStep()
                .step(20)
                .hyperparameters(arcFace)
                .centers(centers(0), centers(0))
                .head(directions(36), bias)
                .probe(probe)
                .build());
    history
        .listener()
        .onSnapshot(
            SnapshotBuilder.aStep()
                .step(23)
                .hyperparameters(arcFace)
                .centers(centers(0.5f), centers(0.5f))
                .head(directions(5), bias)
                .probe(probe)
                .build());
    history.pull();
    StepSnapshot shown = history.shownProperty().getValue();
    assertThat(shown.step()).isEqualTo(23);

    String caption = PaneCaptions.numbers(shown, history.probedState(shown).orElseThrow());

    assertThat(caption).startsWith("probe of step 20:");
    assertThat(caption)
        .as("spread against step 20's centers, where every feature sits")
        .contains("spread 0.00 ");
    assertThat(caption).as("step 20's directions, 36° apart, not step 23's 5°").contains("36.0°");
  }
}
