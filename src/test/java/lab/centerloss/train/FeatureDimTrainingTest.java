package lab.centerloss.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import lab.centerloss.testing.TestData;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A run with a 16-D feature, a handful of steps through the one training loop. */
class FeatureDimTrainingTest {
  @Test
  @DisplayName(
      "d = 16: finite losses, 2-D vectors for the plane, and probes with the 16-D features, centers and weights")
  void sixteenDimensions() {
    Hyperparameters hp =
        Hyperparameters.defaults()
            .withFeatureDim(16)
            .withBatchSize(16)
            .withKnownDigits(DigitSet.OPEN_SET);
    int classes = hp.classDigits().length;
    try (TrainingEngine engine = TrainingEngine.open(TestData.mnist(), DeviceChoice.CPU, 1);
        TrainingSession session = engine.newSession(hp)) {
      List<StepSnapshot> steps = new ArrayList<>();
      RunDriver driver =
          RunDriver.of(session, 60)
              .recordingProbes(ProbeSchedule.every(2))
              .into(
                  new RunDriver.Sink() {
                    @Override
                    public void onSnapshot(StepSnapshot snapshot) {
                      steps.add(snapshot);
                    }
                  });
      RunOrigin origin = driver.origin(hp);
      assertThat(origin.probe().featureDimensions()).isEqualTo(16);
      driver.run(hp, StopRule.atStep(3));
      assertThat(steps).hasSize(3);
      for (StepSnapshot s : steps) {
        assertThat(s.diverged()).isFalse();
        assertThat(s.scalars().lossTotal()).isFinite();
        assertThat(s.batch().features().size()).isEqualTo(16);
        assertThat(s.centers().after().size()).isEqualTo(classes);
        assertThat(s.head().weights().size()).isEqualTo(classes);
        assertThat(s.batch().features().allFinite()).isTrue();
      }
      ProbeResult probe = steps.get(1).probe().orElseThrow();
      assertThat(probe.isProjected()).isTrue();
      ProbeResult.Full full = probe.full().orElseThrow();
      assertThat(full.features().dimensions()).isEqualTo(16);
      assertThat(full.features().size()).isEqualTo(60);
      assertThat(full.centers().size()).isEqualTo(classes);
      assertThat(full.weights().size()).isEqualTo(classes);
      assertThat(full.features().allFinite()).isTrue();
      assertThat(probe.features().size()).isEqualTo(60);
      // the plane's points are the full features on the probe's principal axes
      boolean[] known = new boolean[60];
      for (int i = 0; i < 60; i++) {
        known[i] = hp.isKnown(probe.labels().get(i));
      }
      assertThat(FeatureProjection.principalAxes(full.features(), known).project(full.features()))
          .isEqualTo(probe.features());
      assertThat(session.fullCenters().dimensions()).isEqualTo(16);
      assertThat(session.allParametersFinite()).isTrue();
      // the open-set scores are those of the 16-D vectors
      OpenSetEvaluation evaluation =
          OpenSetEvaluation.of(probe, steps.get(1).headAfter(), steps.get(1).centers().after(), hp);
      double norm = full.features().norm(0);
      assertThat(evaluation.scored(0).get(OpenSetScores.Score.FEATURE_NORM)).isEqualTo(norm);

      // a drawn digit (a vertical bar) comes back with its 16-D feature and the step's centers and
      // weights, and the class the head gives that feature
      byte[] bar = new byte[28 * 28];
      for (int row = 4; row < 24; row++) {
        for (int column = 12; column < 16; column++) {
          bar[row * 28 + column] = (byte) 255;
        }
      }
      DrawnFeature drawn = session.featureOfDrawing(bar, hp.head());
      assertThat(drawn.step()).isEqualTo(3);
      ProbeResult.Full drawnFull = drawn.full().orElseThrow();
      assertThat(drawnFull.features().dimensions()).isEqualTo(16);
      assertThat(drawnFull.features().size()).isEqualTo(1);
      assertThat(drawnFull.centers().toArray()).isEqualTo(session.fullCenters().toArray());
      assertThat(drawnFull.weights().size()).isEqualTo(classes);
      OpenSetScores.Scored scored =
          OpenSetScores.score(
              drawnFull.features(),
              0,
              hp.head(),
              drawnFull.weights(),
              steps.get(2).headAfter().bias().orElse(null),
              hp.scale(),
              drawnFull.centers());
      assertThat(hp.classDigits()[scored.predicted()]).isEqualTo(drawn.predictedDigit());
    }
  }
}
