package lab.centerloss.ui.plane;

import static org.assertj.core.api.Assertions.assertThat;

import lab.centerloss.plot.PlaneScene;
import lab.centerloss.testing.SnapshotBuilder;
import lab.centerloss.train.FloatVector;
import lab.centerloss.train.HeadKind;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.Vec2List;
import lab.centerloss.ui.model.RunHistory;
import lab.centerloss.ui.model.ViewOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What a plane draws of the step shown, without a window. */
class PlaneViewModelTest {
  private static final long SECOND = 1_000_000_000L;
  private final RunHistory history = new RunHistory();
  private final ViewOptions options = new ViewOptions();

  /**
   * Steps 1 to 23, each with its ten centers at (step, 0); probes after steps 1 and 20, as a
   * comparison takes them.
   */
  PlaneViewModelTest() {
    ProbeResult probe = null;
    for (int step = 1; step <= 23; step++) {
      if (step == 1 || step == 20) {
        probe = probeAt(step);
      }
      float[] centers = new float[20];
      for (int j = 0; j < 10; j++) {
        centers[2 * j] = step;
      }
      history
          .listener()
          .onSnapshot(
              SnapshotBuilder.aStep()
                  .step(step)
                  .batchSize(4)
                  .centers(Vec2List.copyOf(centers), Vec2List.copyOf(centers))
                  .probe(probe)
                  .build());
    }
    history.pull();
  }

  /** Twenty test features at (step, 1): a cloud that says which step it was measured at. */
  private static ProbeResult probeAt(long step) {
    float[] xy = new float[40];
    int[] labels = new int[20];
    for (int i = 0; i < 20; i++) {
      xy[2 * i] = step;
      xy[2 * i + 1] = 1;
      labels[i] = i % 10;
    }
    return new ProbeResult(
        step, Vec2List.copyOf(xy), IntVector.copyOf(labels), IntVector.copyOf(labels));
  }

  /** The scene long after every glide has ended. */
  private static PlaneScene settled(PlaneViewModel plane) {
    plane.sceneAt(1_000 * SECOND, 400, 300);
    return plane.sceneAt(1_100 * SECOND, 400, 300);
  }

  @Test
  @DisplayName(
      "showing probed steps only: cloud, centers and caption of the probe's step; else the centers of the step shown")
  void probedStepsOnly() {
    PlaneViewModel probed = new PlaneViewModel(history, options);
    probed.showProbedStepsOnly(true);
    PlaneScene scene = settled(probed);
    assertThat(scene.testPoints().x(0)).isEqualTo(20f);
    assertThat(scene.centers().x(0)).as("the centers of step 20, not 23").isEqualTo(20f);
    assertThat(scene.caption()).startsWith("step 20");

    PlaneScene live = settled(new PlaneViewModel(history, options));
    assertThat(live.testPoints().x(0)).isEqualTo(20f);
    assertThat(live.centers().x(0))
        .as("the main window: the step shown's own centers")
        .isEqualTo(23f);
    assertThat(live.caption()).startsWith("step 23");

    history.showStep(12); // the probe of step 1 is the latest at or before it
    scene = probed.sceneAt(1_200 * SECOND, 400, 300);
    scene = probed.sceneAt(1_300 * SECOND, 400, 300);
    assertThat(scene.testPoints().x(0)).isEqualTo(1f);
    assertThat(scene.centers().x(0)).isEqualTo(1f);
    assertThat(scene.caption()).startsWith("step 1 ");
  }

  @Test
  @DisplayName(
      "showing probed steps only, later steps of the same probe are the same picture: the step is taken once, its trail one point")
  void probedStepTakenOnce() {
    options.showTrailsProperty().set(true);
    PlaneViewModel probed = new PlaneViewModel(history, options);
    probed.showProbedStepsOnly(true);
    PlaneScene first = probed.sceneAt(1_000 * SECOND, 400, 300);
    history.showStep(21);
    probed.sceneAt(1_001 * SECOND, 400, 300);
    history.showStep(22);
    probed.sceneAt(1_002 * SECOND, 400, 300);
    PlaneScene last = probed.sceneAt(1_003 * SECOND, 400, 300);
    assertThat(last.trails().get(0).size()).as("one accepted step, not one a frame").isEqualTo(1);
    assertThat(last.centers().x(0)).isEqualTo(first.centers().x(0)).isEqualTo(20f);
  }

  /** One step of a head whose ten class directions sit at the given angles (degrees). */
  private static RunHistory oneStep(Hyperparameters hp, double... degrees) {
    float[] xy = new float[20];
    for (int j = 0; j < 10; j++) {
      xy[2 * j] = (float) Math.cos(Math.toRadians(degrees[j]));
      xy[2 * j + 1] = (float) Math.sin(Math.toRadians(degrees[j]));
    }
    RunHistory one = new RunHistory();
    one.listener()
        .onSnapshot(
            SnapshotBuilder.aStep()
                .step(1)
                .hyperparameters(hp)
                .batchSize(4)
                .head(Vec2List.copyOf(xy), FloatVector.copyOf(new float[10]))
                .build());
    one.pull();
    return one;
  }

  @Test
  @DisplayName(
      "the unit circle's tooltip: NormFace draws no wedge; a margin head names the narrowest gap it cannot meet, its width and the bound")
  void wedgeTipSaysWhichGap() {
    double[] even = {0, 36, 72, 108, 144, 180, 216, 252, 288, 324};
    double[] narrowBetween3And4 = {0, 36, 72, 108, 128, 180, 216, 252, 288, 324};
    var normFace = Hyperparameters.recommendedFor(HeadKind.NORMFACE);
    assertThat(new PlaneViewModel(oneStep(normFace, even), options).wedgeTip().key())
        .isEqualTo("margin.tip.noMargin");

    var arcFace =
        Hyperparameters.recommendedFor(HeadKind.ARCFACE)
            .withMarginWarmupSteps(0); // m = 0.5 rad = 28.6 degrees
    assertThat(new PlaneViewModel(oneStep(arcFace, even), options).wedgeTip().key())
        .as("36 degrees everywhere: every gap can meet 28.6")
        .isEqualTo("margin.wedgeTip");
    var tip = new PlaneViewModel(oneStep(arcFace, narrowBetween3And4), options).wedgeTip();
    assertThat(tip.key()).isEqualTo("margin.tip.arcFaceGap");
    assertThat(tip.render())
        .startsWith("Between 3 and 4 the learned class directions are 20.00° apart")
        .contains("m = 28.65°")
        .contains("Of 10 directions on a circle the closest two are at most 36° apart");

    var cosFace =
        Hyperparameters.recommendedFor(HeadKind.COSFACE).withMargin(0.5).withMarginWarmupSteps(0);
    var cosTip = new PlaneViewModel(oneStep(cosFace, narrowBetween3And4), options).wedgeTip();
    assertThat(cosTip.key()).isEqualTo("margin.tip.cosFaceGap");
    // every gap fails 0.5 (1 - cos 36 = 0.191); the narrowest, 20 degrees: 1 - cos 20 = 0.0603
    assertThat(cosTip.render())
        .startsWith("Between 3 and 4")
        .contains("= 0.06031 is less than the CosFace margin m = 0.500,")
        .contains("above 1 − cos 36° ≈ 0.191");
    assertThat(new PlaneViewModel(new RunHistory(), options).wedgeTip().key())
        .as("before the first step")
        .isEqualTo("margin.anglesAfterFirstStep");
  }

  @Test
  @DisplayName(
      "a 16-D feature: no unit circle, one sentence that its angles and wedges exist only in 2-D; the caption says the plane is a PCA projection")
  void projectedFeatureHasNoWedges() {
    double[] even = {0, 36, 72, 108, 144, 180, 216, 252, 288, 324};
    var arcFace =
        Hyperparameters.recommendedFor(HeadKind.ARCFACE)
            .withMarginWarmupSteps(0)
            .withFeatureDim(16);
    PlaneViewModel projected = new PlaneViewModel(oneStep(arcFace, even), options);
    assertThat(projected.angleScene()).isEmpty();
    assertThat(projected.angleAbsence().key()).isEqualTo("margin.only2d");
    assertThat(projected.wedgeTip().render())
        .isEqualTo(
            "Angles and margin wedges exist only for a 2-D feature; this one has 16 dimensions.");
    assertThat(projected.sceneAt(0, 400, 300).caption())
        .endsWith("\n2-D PCA projection of the 16-D features at this step");
    PlaneViewModel flat = new PlaneViewModel(oneStep(arcFace.withFeatureDim(2), even), options);
    assertThat(flat.angleScene()).isPresent();
    assertThat(flat.sceneAt(0, 400, 300).caption()).doesNotContain("PCA");
  }
}
