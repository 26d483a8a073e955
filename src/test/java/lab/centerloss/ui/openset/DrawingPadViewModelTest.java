package lab.centerloss.ui.openset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import lab.centerloss.plot.PlaneScene;
import lab.centerloss.testing.FakeTrainer;
import lab.centerloss.testing.SnapshotBuilder;
import lab.centerloss.train.DrawnFeature;
import lab.centerloss.train.FeatureRows;
import lab.centerloss.train.FloatVector;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.Vec2List;
import lab.centerloss.ui.model.LiveTraining;
import lab.centerloss.ui.model.RunHistory;
import lab.centerloss.ui.model.ViewOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The drawing pad without a window: the pen, what goes to the trainer and when, and how the answer
 * is read against the run. Ten classes whose head directions and centers are at 36° apart, centers
 * at radius 3; a probe at the centers and one point 2 away, so the distance threshold at the
 * slider's middle is 1.
 */
class DrawingPadViewModelTest {
  private final List<byte[]> asked = new ArrayList<>();
  private final List<CompletableFuture<DrawnFeature>> answers = new ArrayList<>();
  private final RunHistory history = new RunHistory();
  private DrawingPadViewModel pad;
  private OpenSetViewModel openSet;

  @BeforeEach
  void setUp() {
    FakeTrainer trainer =
        new FakeTrainer()
            .answeringDrawings(
                image -> {
                  asked.add(image);
                  CompletableFuture<DrawnFeature> answer = new CompletableFuture<>();
                  answers.add(answer);
                  return answer;
                });
    LiveTraining training =
        new LiveTraining(
            (folder, hp) -> trainer,
            Path.of("."),
            Hyperparameters.defaults(),
            history,
            new ViewOptions().languageProperty());
    training.start();
    openSet = new OpenSetViewModel(history, training);
    pad = new DrawingPadViewModel(history, training, openSet, Runnable::run);
  }

  private static Vec2List ring(double radius, double turn) {
    float[] xy = new float[20];
    for (int j = 0; j < 10; j++) {
      xy[2 * j] = (float) (radius * Math.cos(2 * Math.PI * j / 10 + turn));
      xy[2 * j + 1] = (float) (radius * Math.sin(2 * Math.PI * j / 10 + turn));
    }
    return Vec2List.copyOf(xy);
  }

  /** A step whose centers are the ring turned by {@code turn}, with its own probe. */
  private void trained(long step, double turn) {
    Vec2List centers = ring(3, turn);
    float[] probe = new float[22];
    int[] labels = new int[11];
    for (int j = 0; j < 10; j++) {
      probe[2 * j] = centers.x(j);
      probe[2 * j + 1] = centers.y(j);
      labels[j] = j;
    }
    probe[20] = centers.x(0) + 2;
    probe[21] = centers.y(0);
    StepSnapshot s =
        SnapshotBuilder.aStep()
            .step(step)
            .centers(centers, centers)
            .head(ring(1, turn), FloatVector.copyOf(new float[10]))
            .probe(
                new ProbeResult(
                    step,
                    Vec2List.copyOf(probe),
                    IntVector.copyOf(labels),
                    IntVector.copyOf(labels)))
            .build();
    history.listener().onSnapshot(s);
    history.pull();
  }

  /** The trainer answers every drawing it was given, the ones sent on after an answer too. */
  private void answer(DrawnFeature feature) {
    for (int i = 0; i < answers.size(); i++) {
      answers.get(i).complete(feature);
    }
  }

  private void drawA3() {
    pad.penDown(0.3, 0.2);
    pad.penTo(0.7, 0.25);
    pad.penTo(0.45, 0.5);
    pad.penTo(0.7, 0.75);
    pad.penTo(0.3, 0.8);
    pad.penUp();
  }

  @Test
  @DisplayName("nothing drawn: nothing is asked, nothing is marked")
  void nothingDrawn() {
    trained(1, 0);
    assertThat(pad.preparedProperty().get()).isNull();
    assertThat(asked).isEmpty();
    assertThat(pad.planeMark()).isNull();
    assertThat(pad.verdictProperty().get()).isEqualTo("Nothing drawn yet.");
  }

  @Test
  @DisplayName(
      "the pen leaves ink; the prepared image goes to the trainer, one drawing at a time, the newest next")
  void oneAtATime() {
    trained(1, 0);
    pad.penDown(0.3, 0.2);
    assertThat(pad.preparedProperty().get()).hasSize(28 * 28);
    assertThat(asked).hasSize(1);
    assertThat(asked.get(0)).isEqualTo(pad.preparedProperty().get());
    // every stroke of the pen changes the drawing, but while the first is on its way the others
    // wait
    drawA3();
    assertThat(asked).hasSize(1);
    assertThat(pad.preparedProperty().get()).isNotEqualTo(asked.get(0));
    assertThat(pad.verdictProperty().get()).isEqualTo("Running the drawing through the network…");
    answers.get(0).complete(new DrawnFeature(1, 0, 0, 0));
    assertThat(asked).as("the newest drawing goes when the first comes back").hasSize(2);
    assertThat(asked.get(1)).isEqualTo(pad.preparedProperty().get());
    assertThat(pad.featureProperty().get())
        .as("the answer to an older drawing is not shown")
        .isNull();
  }

  @Test
  @DisplayName(
      "an answer reads against its step: predicted class, nearest center, distance, accepted at the threshold")
  void readsTheAnswer() {
    trained(1, 0);
    drawA3();
    Vec2List centers = ring(3, 0);
    answer(new DrawnFeature(1, centers.x(3) + 0.3, centers.y(3), 3));
    PlaneScene.Drawn mark = pad.planeMark();
    assertThat(mark).isNotNull();
    assertThat(mark.x()).isCloseTo(centers.x(3) + 0.3, within(1e-6));
    assertThat(mark.nearestX()).isCloseTo(centers.x(3), within(1e-6));
    assertThat(mark.nearestY()).isCloseTo(centers.y(3), within(1e-6));
    assertThat(mark.predictedDigit()).isEqualTo(3);
    assertThat(openSet.threshold()).isCloseTo(-1, within(1e-6));
    assertThat(mark.accepted()).isTrue();
    assertThat(pad.verdictProperty().get())
        .isEqualTo(
            "Network after step 1: predicted 3. Nearest center: 3, at "
                + "distance 0.30. Score (distance to the nearest center): 0.3; accepted as known (threshold 1).");
    assertThat(mark.label()).isEqualTo("drawn: 3 (accepted)");
  }

  @Test
  @DisplayName(
      "above two dimensions the scores are the feature's own, not those of the point drawn")
  void fullFeatureScored() {
    trained(1, 0);
    drawA3();
    Vec2List centers = ring(3, 0);
    Vec2List weights = ring(1, 0);
    float[] fullCenters = new float[30];
    float[] fullWeights = new float[30];
    for (int j = 0; j < 10; j++) {
      fullCenters[3 * j] = centers.x(j);
      fullCenters[3 * j + 1] = centers.y(j);
      fullWeights[3 * j] = weights.x(j);
      fullWeights[3 * j + 1] = weights.y(j);
    }
    // 0.3 from center 3 along the third axis, which the projection drops: drawn at the origin, 3
    // from every center
    float[] feature = {centers.x(3), centers.y(3), 0.3f};
    answer(
        new DrawnFeature(
            1,
            0,
            0,
            3,
            Optional.of(
                new ProbeResult.Full(
                    FeatureRows.copyOf(3, feature),
                    FeatureRows.copyOf(3, fullCenters),
                    FeatureRows.copyOf(3, fullWeights)))));
    PlaneScene.Drawn mark = pad.planeMark();
    assertThat(mark.x()).isCloseTo(0, within(1e-6));
    assertThat(mark.nearestX())
        .as("the line goes to center 3 as drawn")
        .isCloseTo(centers.x(3), within(1e-6));
    assertThat(mark.accepted()).isTrue();
    assertThat(pad.verdictProperty().get())
        .startsWith("Network after step 1: predicted 3. Nearest center: 3, at distance 0.30.")
        .contains("accepted as known");
  }

  @Test
  @DisplayName("far from every center, the drawing is rejected at the same threshold")
  void farIsRejected() {
    trained(1, 0);
    drawA3();
    answer(new DrawnFeature(1, 0, 0, 0));
    assertThat(pad.planeMark().accepted()).isFalse();
    assertThat(pad.verdictProperty().get())
        .contains("at distance 3.00")
        .contains("rejected as unknown");
  }

  @Test
  @DisplayName(
      "while training runs, the plane may be a step ahead: the answer is read with its own step's centers")
  void readWithItsOwnStep() {
    trained(1, 0);
    drawA3();
    trained(2, 0.2);
    // the plane moved on, so the drawing was asked again; the first answer is for step 1
    answer(new DrawnFeature(1, 3.1, 0, 0));
    assertThat(pad.verdictProperty().get()).startsWith("Network after step 1:");
    assertThat(pad.planeMark().nearestX())
        .isCloseTo(3, within(1e-6))
        .as("step 1's center of 0, not step 2's");
  }

  @Test
  @DisplayName(
      "an answer from a later step than the plane shows is not drawn, and the sentence says why")
  void laterThanShown() {
    trained(1, 0);
    trained(2, 0);
    drawA3();
    history.showStep(1);
    answer(new DrawnFeature(2, 3, 0, 0));
    assertThat(pad.planeMark()).isNull();
    assertThat(pad.verdictProperty().get())
        .isEqualTo(
            "This drawing went through the network after step 2, and the "
                + "plane shows step 1: go to the latest step to see where it lands.");
  }

  @Test
  @DisplayName("a trainer that cannot take the drawing gets one sentence, not a wait without end")
  void trainerNotReady() {
    trained(1, 0);
    drawA3();
    for (CompletableFuture<DrawnFeature> a : new ArrayList<>(answers)) {
      a.completeExceptionally(new IllegalStateException("no trainer"));
    }
    assertThat(pad.verdictProperty().get())
        .isEqualTo(
            "The network is not ready: the drawing goes through it once training can start.");
    assertThat(pad.planeMark()).isNull();
  }

  @Test
  @DisplayName("Clear removes the ink, the image and the mark")
  void clear() {
    trained(1, 0);
    drawA3();
    answer(new DrawnFeature(1, 3, 0, 0));
    pad.clear();
    assertThat(pad.preparedProperty().get()).isNull();
    assertThat(pad.planeMark()).isNull();
    assertThat(pad.ink()).containsOnly(0f);
    assertThat(pad.verdictProperty().get()).isEqualTo("Nothing drawn yet.");
  }
}
