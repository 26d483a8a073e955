package lab.centerloss.ui.openset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import lab.centerloss.testing.FakeTrainer;
import lab.centerloss.testing.SnapshotBuilder;
import lab.centerloss.train.FloatVector;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.OpenSetScores.Score;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.Vec2List;
import lab.centerloss.ui.model.LiveTraining;
import lab.centerloss.ui.model.RunHistory;
import lab.centerloss.ui.model.ViewOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The open-set panel's numbers without a window. */
class OpenSetViewModelTest {
  private final RunHistory history = new RunHistory();

  private static OpenSetViewModel openSetOn(RunHistory history) {
    LiveTraining training =
        new LiveTraining(
            (folder, hp) -> new FakeTrainer(),
            Path.of("."),
            Hyperparameters.defaults(),
            history,
            new ViewOptions().languageProperty());
    training.start();
    return new OpenSetViewModel(history, training);
  }

  @Test
  @DisplayName(
      "a step that carries an earlier step's probe is scored with that step's centers, which made the features")
  void probeScoredWithItsOwnStep() {
    OpenSetViewModel openSet = openSetOn(history);
    float[] at1 = new float[20];
    float[] at2 = new float[20];
    for (int j = 0; j < 10; j++) {
      at1[2 * j] = j;
      at2[2 * j] = j + 0.5f;
    }
    ProbeResult probe =
        new ProbeResult(
            1,
            Vec2List.copyOf(new float[] {3, 0}),
            IntVector.copyOf(new int[] {3}),
            IntVector.copyOf(new int[] {3}));
    Vec2List weights = Vec2List.copyOf(new float[20]);
    FloatVector bias = FloatVector.copyOf(new float[10]);
    history
        .listener()
        .onSnapshot(
            SnapshotBuilder.aStep()
                .step(1)
                .centers(Vec2List.copyOf(at1), Vec2List.copyOf(at1))
                .head(weights, bias)
                .probe(probe)
                .build());
    history
        .listener()
        .onSnapshot(
            SnapshotBuilder.aStep()
                .step(2)
                .centers(Vec2List.copyOf(at1), Vec2List.copyOf(at2))
                .head(weights, bias)
                .probe(probe)
                .build());
    history.pull();
    assertThat(history.shownProperty().getValue().step()).isEqualTo(2);
    // against step 2's centers the feature (3, 0) would be 0.5 from the nearest
    assertThat(openSet.evaluationProperty().get().scored(0).get(Score.CENTER_DISTANCE))
        .isCloseTo(0, within(1e-9));
  }

  @Test
  @DisplayName(
      "hidden and shading nothing, the panel scores no probe; shown, or shading regions, it scores the step shown")
  void hiddenPanelScoresOnlyForTheRegions() {
    OpenSetViewModel openSet = openSetOn(history);
    openSet.panelShownProperty().set(false);
    ProbeResult probe =
        new ProbeResult(
            1,
            Vec2List.copyOf(new float[] {3, 0}),
            IntVector.copyOf(new int[] {3}),
            IntVector.copyOf(new int[] {3}));
    history
        .listener()
        .onSnapshot(
            SnapshotBuilder.aStep()
                .step(1)
                .head(Vec2List.copyOf(new float[20]), FloatVector.copyOf(new float[10]))
                .probe(probe)
                .build());
    history.pull();
    assertThat(openSet.evaluationProperty().get()).isNull();
    openSet.showRegionsProperty().set(true);
    assertThat(openSet.evaluationProperty().get()).isNotNull();
    assertThat(openSet.regions()).isNotNull();
    var ofStep1 = openSet.evaluationProperty().get();
    openSet.showRegionsProperty().set(false);
    history
        .listener()
        .onSnapshot(
            SnapshotBuilder.aStep()
                .step(2)
                .head(Vec2List.copyOf(new float[20]), FloatVector.copyOf(new float[10]))
                .probe(probe)
                .build());
    history.pull();
    assertThat(openSet.evaluationProperty().get()).isSameAs(ofStep1);
    openSet.panelShownProperty().set(true);
    assertThat(history.shownProperty().getValue().step()).isEqualTo(2);
    assertThat(openSet.evaluationProperty().get()).isNotNull().isNotSameAs(ofStep1);
  }

  @Test
  @DisplayName(
      "the shading is drawn with the head and centers of the probe's step, as its numbers are, not the step shown")
  void regionsOfTheProbesStep() {
    OpenSetViewModel openSet = openSetOn(history);
    float[] at1 = new float[20];
    float[] at2 = new float[20];
    float[] weights1 = new float[20];
    float[] weights2 = new float[20];
    for (int j = 0; j < 10; j++) {
      at1[2 * j] = j;
      at2[2 * j] = j + 0.5f;
      weights1[2 * j] = 1;
      weights2[2 * j + 1] = 1;
    }
    ProbeResult probe =
        new ProbeResult(
            1,
            Vec2List.copyOf(new float[] {3, 0}),
            IntVector.copyOf(new int[] {3}),
            IntVector.copyOf(new int[] {3}));
    FloatVector bias = FloatVector.copyOf(new float[10]);
    history
        .listener()
        .onSnapshot(
            SnapshotBuilder.aStep()
                .step(1)
                .centers(Vec2List.copyOf(at1), Vec2List.copyOf(at1))
                .head(Vec2List.copyOf(weights1), bias)
                .probe(probe)
                .build());
    history
        .listener()
        .onSnapshot(
            SnapshotBuilder.aStep()
                .step(2)
                .centers(Vec2List.copyOf(at1), Vec2List.copyOf(at2))
                .head(Vec2List.copyOf(weights2), bias)
                .probe(probe)
                .build());
    history.pull();
    openSet.showRegionsProperty().set(true);
    assertThat(history.shownProperty().getValue().step()).isEqualTo(2);
    var regions = openSet.regions();
    assertThat(regions.centers().x(3)).as("step 1's centers").isEqualTo(3f);
    assertThat(regions.weights().x(0)).as("step 1's head").isEqualTo(1f);
    assertThat(regions.weights().y(0)).isEqualTo(0f);
  }
}
