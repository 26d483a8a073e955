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
import lab.centerloss.ui.model.ViewOptions;
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

  @Test
  @DisplayName(
      "above two dimensions the spread, nearest centers and angle are measured in d dimensions, not on the projection drawn, and the caption says so")
  void numbersInDDimensions() {
    float[] full = new float[30];
    float[] fullCenters = new float[30];
    float[] fullWeights = new float[30];
    int[] labels = new int[10];
    Vec2List thirtySix = directions(36);
    for (int j = 0; j < 10; j++) {
      full[3 * j] = j;
      full[3 * j + 2] = 0.5f; // 0.5 from its center, along the axis the projection drops
      fullCenters[3 * j] = j;
      fullWeights[3 * j] = thirtySix.x(j);
      fullWeights[3 * j + 1] = thirtySix.y(j);
      labels[j] = j;
    }
    ProbeResult probe =
        new ProbeResult(
            20,
            Vec2List.copyOf(new float[20]), // drawn all at the origin
            IntVector.copyOf(labels),
            IntVector.copyOf(labels),
            Hyperparameters.ALL_DIGITS,
            java.util.Optional.of(
                new ProbeResult.Full(
                    lab.centerloss.train.FeatureRows.copyOf(3, full),
                    lab.centerloss.train.FeatureRows.copyOf(3, fullCenters),
                    lab.centerloss.train.FeatureRows.copyOf(3, fullWeights))));
    RunHistory history = new RunHistory();
    history
        .listener()
        .onSnapshot(
            SnapshotBuilder.aStep()
                .step(20)
                .hyperparameters(Hyperparameters.recommendedFor(HeadKind.ARCFACE))
                .centers(centers(0), centers(0))
                .head(directions(5), FloatVector.copyOf(new float[10]))
                .probe(probe)
                .build());
    history.pull();
    StepSnapshot shown = history.shownProperty().getValue();

    String caption = PaneCaptions.numbers(shown, history.probedState(shown).orElseThrow());

    assertThat(caption)
        .contains("spread 0.50 ÷ distance between nearest centers 1.00 = 0.500, in 3-D")
        .as("the 3-D class directions, 36° apart, not the drawn 5°")
        .contains("36.0°");
  }

  /** Three test images of each digit, each digit on its own direction, 36 degrees apart. */
  private static StepSnapshot rays(int knownDigits) {
    float[] xy = new float[60];
    int[] labels = new int[30];
    for (int i = 0; i < 30; i++) {
      int digit = i % 10;
      double length = 1 + i / 10;
      labels[i] = digit;
      xy[2 * i] = (float) (length * Math.cos(Math.toRadians(36 * digit)));
      xy[2 * i + 1] = (float) (length * Math.sin(Math.toRadians(36 * digit)));
    }
    return SnapshotBuilder.aStep()
        .step(20)
        .hyperparameters(Hyperparameters.defaults().withKnownDigits(knownDigits))
        .probe(
            new ProbeResult(
                20,
                Vec2List.copyOf(xy),
                IntVector.copyOf(labels),
                IntVector.copyOf(labels),
                knownDigits))
        .build();
  }

  @Test
  @DisplayName(
      "with verification captions, a pane gives TAR at FAR 1% of the unseen digits' pairs by cosine, or of the known digits' when none is unseen, with the pairs counted")
  void verificationCaptions() {
    ComparePane pane = new ComparePane(new ViewOptions());
    pane.startRun("softmax");
    pane.history().listener().onSnapshot(rays(Hyperparameters.OPEN_SET_DIGITS));
    pane.history().pull();
    pane.describeShownStep(false);
    assertThat(pane.numbersProperty().get()).contains("spread");

    // unseen 0, 1, 6, 7, three images each: 4 x 3 = 12 genuine pairs, C(12, 2) - 12 = 54 impostor;
    // every genuine cosine is 1, every impostor cosine at most cos 36 degrees: all genuine accepted
    pane.describeShownStep(true);
    assertThat(pane.numbersProperty().get())
        .isEqualTo(
            "probe of step 20: TAR at FAR 1% 100.0% · pairs of the unseen digits by cosine: 12"
                + " genuine, 54 impostor (1% is 0)");

    // every digit known: 10 x 3 = 30 genuine, C(30, 2) - 30 = 405 impostor pairs of known digits
    ComparePane closed = new ComparePane(new ViewOptions());
    closed.startRun("softmax");
    closed.history().listener().onSnapshot(rays(Hyperparameters.ALL_DIGITS));
    closed.history().pull();
    closed.describeShownStep(true);
    assertThat(closed.numbersProperty().get())
        .isEqualTo(
            "probe of step 20: TAR at FAR 1% 100.0% · no digit is unseen, so pairs of the known"
                + " digits by cosine: 30 genuine, 405 impostor (1% is 4)");
  }
}
