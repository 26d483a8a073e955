package lab.centerloss.ui.openset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import lab.centerloss.plot.PlaneScene;
import lab.centerloss.plot.ViewWindow;
import lab.centerloss.testing.SnapshotBuilder;
import lab.centerloss.train.FeatureRows;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.Vec2List;
import lab.centerloss.train.Verification.PairScore;
import lab.centerloss.ui.model.RunHistory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The verification panel without a window: which pairs, their counts and figures, the threshold.
 */
class VerificationViewModelTest {

  /**
   * Four test images of each digit, each digit's features on its own direction (36 degrees apart),
   * at lengths 1 to 4.
   */
  private static RunHistory probeOfStep(long step, int knownDigits) {
    float[] xy = new float[80];
    int[] labels = new int[40];
    for (int i = 0; i < 40; i++) {
      int digit = i % 10;
      double length = 1 + i / 10;
      labels[i] = digit;
      xy[2 * i] = (float) (length * Math.cos(Math.toRadians(36 * digit)));
      xy[2 * i + 1] = (float) (length * Math.sin(Math.toRadians(36 * digit)));
    }
    RunHistory history = new RunHistory();
    Hyperparameters hp = Hyperparameters.defaults().withKnownDigits(knownDigits);
    history
        .listener()
        .onSnapshot(
            SnapshotBuilder.aStep()
                .step(step)
                .hyperparameters(hp)
                .batchSize(4)
                .probe(
                    new ProbeResult(
                        step,
                        Vec2List.copyOf(xy),
                        IntVector.copyOf(labels),
                        IntVector.copyOf(labels),
                        knownDigits))
                .build());
    history.pull();
    return history;
  }

  @Test
  @DisplayName(
      "open set: every pair of the unseen digits and of the known ones, counted on screen; cosine tells them apart perfectly here")
  void pairsOfUnseenAndKnownDigits() {
    VerificationViewModel verification =
        new VerificationViewModel(probeOfStep(7, Hyperparameters.OPEN_SET_DIGITS));
    // unseen 0, 1, 6, 7, four images each: 4 x C(4, 2) = 24 genuine, C(16, 2) - 24 = 96 impostor
    assertThat(verification.pairsTextProperty().get())
        .startsWith(
            "Pairs of the digits never trained on (0, 1, 6, 7), in the probe of step 7: 24 genuine"
                + " (the same digit), 96 impostor (two digits).")
        .contains("pairs of the known digits (2, 3, 4, 5, 8, 9): 36 genuine, 240 impostor");
    var picture = verification.pictureProperty().get();
    assertThat(picture.unseen().figures().auc())
        .as("one direction per digit: cosine 1 within, below between")
        .isEqualTo(1.0);
    assertThat(verification.figuresTextProperty().get())
        .startsWith("Unseen digits: AUC 1.000 · EER 0.0%");

    verification.scoreProperty().set(PairScore.DISTANCE);
    picture = verification.pictureProperty().get();
    assertThat(picture.unseen().figures().auc())
        .as("lengths 1 to 4 along a direction: distance mixes them up")
        .isLessThan(1.0);
    verification.thresholdPositionProperty().set(1);
    // the closest pair is an impostor: 0 and 1 at length 1, 2 sin 18 = 0.618 apart; genuine pairs
    // are 1 or more apart
    assertThat(verification.thresholdTextProperty().get())
        .isEqualTo(
            "The same when the distance is at most 0.618:"
                + " genuine pairs accepted (TAR) 0.0%, impostor pairs accepted (FAR) 1.04%");
    assertThat(verification.thresholdPoint()).containsExactly(1 / 96.0, 0.0);
  }

  @Test
  @DisplayName(
      "the closed set has no unseen digits: the panel says so and shows the known digits' pairs")
  void closedSet() {
    VerificationViewModel verification =
        new VerificationViewModel(probeOfStep(3, Hyperparameters.ALL_DIGITS));
    assertThat(verification.pairsTextProperty().get())
        .startsWith("Fewer than two digits are unseen (unseen: –)");
    assertThat(verification.pictureProperty().get().unseen()).isNull();
    assertThat(verification.pictureProperty().get().known().genuineCount()).isEqualTo(60);
    assertThat(verification.figuresTextProperty().get()).startsWith("Known digits: AUC");
  }

  @Test
  @DisplayName("before the first probe: one sentence, nothing drawn")
  void noProbe() {
    VerificationViewModel verification = new VerificationViewModel(new RunHistory());
    assertThat(verification.pairsTextProperty().get()).isEqualTo("No probe yet: train a step.");
    assertThat(verification.pictureProperty().get()).isNull();
  }

  @Test
  @DisplayName(
      "pick a pair: two clicked test images, their cosine against the threshold, and whether the verdict is right; marked where they are drawn")
  void pickAPair() {
    RunHistory history = probeOfStep(7, Hyperparameters.OPEN_SET_DIGITS);
    VerificationViewModel verification = new VerificationViewModel(history);
    assertThat(verification.picking()).isFalse();
    verification.pickingPairProperty().set(true);
    assertThat(verification.picking()).isTrue();
    assertThat(verification.pairTextProperty().get())
        .isEqualTo("Click a test image on the plane, then a second one.");

    // unseen cosines run from -1 (digits 1 and 6, 180 degrees apart) to 1: at 0.7 of the way the
    // threshold is 0.4; digits 0 and 1 lie 36 degrees apart, cos 36 = 0.809: called the same, wrong
    verification.pick(0);
    assertThat(verification.pairTextProperty().get())
        .isEqualTo("First image: digit 0. Click a second one on the plane.");
    verification.pick(1);
    assertThat(verification.pairTextProperty().get())
        .isEqualTo(
            "Picked: digit 0 and digit 1, at step 7: cosine 0.809, threshold 0.4. The threshold"
                + " calls them the same digit: wrong.");

    // two images of digit 0 (lengths 1 and 2 on one direction): cosine 1, the same, right
    verification.pick(0);
    verification.pick(10);
    assertThat(verification.pairTextProperty().get())
        .contains("digit 0 and digit 0")
        .contains("cosine 1.000")
        .endsWith("the same digit: right.");

    // the mark follows the points as drawn this frame (here: the probe's own positions, shifted)
    float[] drawn = new float[80];
    for (int i = 0; i < 40; i++) {
      drawn[2 * i] = i;
      drawn[2 * i + 1] = -i;
    }
    IntVector labels = history.shownProperty().getValue().probe().get().labels();
    PlaneScene scene =
        new PlaneScene(
            new ViewWindow(0, 0, 10),
            Vec2List.copyOf(drawn),
            labels,
            Vec2List.copyOf(new float[0]),
            IntVector.copyOf(new int[0]),
            Vec2List.copyOf(new float[20]),
            List.of(),
            -1,
            false,
            "");
    PlaneScene.Pair pair = verification.planePair(scene);
    assertThat(pair.firstX()).isEqualTo(0);
    assertThat(pair.secondX()).isEqualTo(10);
    assertThat(pair.secondY()).isEqualTo(-10);
    assertThat(pair.cosine()).isTrue();
    assertThat(pair.same()).isTrue();
    assertThat(pair.label()).isEqualTo("same · right");

    // by distance: 1 apart, against a threshold on distances
    verification.scoreProperty().set(PairScore.DISTANCE);
    assertThat(verification.pairTextProperty().get()).contains("distance 1,").doesNotContain("-");
    assertThat(verification.planePair(scene).cosine()).isFalse();

    // the panel hidden, or picking off: clicks select centers again and nothing is marked
    verification.panelShownProperty().set(false);
    assertThat(verification.picking()).isFalse();
    assertThat(verification.planePair(scene)).isNull();
    verification.panelShownProperty().set(true);
    verification.pickingPairProperty().set(false);
    assertThat(verification.planePair(scene)).isNull();
    assertThat(verification.pairTextProperty().get()).isEmpty();
  }

  @Test
  @DisplayName(
      "above two dimensions: the pair is judged on its features, and the plane, a projection, only links the two and names the score")
  void pickAPairOfLargerFeatures() {
    // the probe's features are those of probeOfStep with a third number 0; the plane draws them
    // elsewhere (digit 1 opposite digit 0), as a projection may
    float[] full = new float[120];
    float[] drawn = new float[80];
    int[] labels = new int[40];
    for (int i = 0; i < 40; i++) {
      int digit = i % 10;
      double length = 1 + i / 10;
      labels[i] = digit;
      full[3 * i] = (float) (length * Math.cos(Math.toRadians(36 * digit)));
      full[3 * i + 1] = (float) (length * Math.sin(Math.toRadians(36 * digit)));
      drawn[2 * i] = (float) (digit == 1 ? -length : length);
    }
    RunHistory history = new RunHistory();
    Hyperparameters hp =
        Hyperparameters.defaults().withKnownDigits(Hyperparameters.OPEN_SET_DIGITS);
    ProbeResult probe =
        new ProbeResult(
            7,
            Vec2List.copyOf(drawn),
            IntVector.copyOf(labels),
            IntVector.copyOf(labels),
            Hyperparameters.OPEN_SET_DIGITS,
            Optional.of(
                new ProbeResult.Full(
                    FeatureRows.copyOf(3, full),
                    FeatureRows.copyOf(3, new float[30]),
                    FeatureRows.copyOf(3, new float[30]))));
    history
        .listener()
        .onSnapshot(
            SnapshotBuilder.aStep().step(7).hyperparameters(hp).batchSize(4).probe(probe).build());
    history.pull();
    VerificationViewModel verification = new VerificationViewModel(history);
    verification.pickingPairProperty().set(true);
    verification.pick(0);
    verification.pick(1);
    // cos 36 = 0.809 in three dimensions, although the two are drawn 180 degrees apart
    assertThat(verification.pairTextProperty().get())
        .startsWith(
            "Picked: digit 0 and digit 1, at step 7: cosine 0.809, threshold 0.4. The threshold"
                + " calls them the same digit: wrong.")
        .endsWith(
            "The score is computed from all 3 numbers of each feature; the plane shows a"
                + " projection, which changes angles and lengths, so it only links the two.");
    PlaneScene scene =
        new PlaneScene(
            new ViewWindow(0, 0, 10),
            Vec2List.copyOf(drawn),
            IntVector.copyOf(labels),
            Vec2List.copyOf(new float[0]),
            IntVector.copyOf(new int[0]),
            Vec2List.copyOf(new float[20]),
            List.of(),
            -1,
            false,
            "");
    PlaneScene.Pair pair = verification.planePair(scene);
    assertThat(pair.projected()).isTrue();
    assertThat(pair.same()).isTrue();
    assertThat(pair.label()).isEqualTo("same · wrong · cosine 0.81 in 3-D");
    verification.scoreProperty().set(PairScore.DISTANCE);
    assertThat(verification.planePair(scene).label()).endsWith("· distance 0.62 in 3-D");
  }
}
