package lab.centerloss.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import java.util.SplittableRandom;
import lab.centerloss.train.OpenSetScores.Score;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The open-set scores and metrics against computations done independently, by hand or by brute
 * force.
 */
class OpenSetScoresTest {

  /**
   * Every pair compared: known above unknown counts 1, a tie 1/2. O(n m), as the definition reads.
   */
  private static double pairwiseAuroc(double[] known, double[] unknown) {
    double sum = 0;
    for (double k : known) {
      for (double u : unknown) {
        sum += k > u ? 1 : k == u ? 0.5 : 0;
      }
    }
    return sum / ((double) known.length * unknown.length);
  }

  @Test
  @DisplayName("AUROC from ranks equals the pairwise definition, ties counted half")
  void aurocMatchesTheRankStatistic() {
    SplittableRandom random = new SplittableRandom(4);
    for (int trial = 0; trial < 20; trial++) {
      double[] known = new double[1 + random.nextInt(60)];
      double[] unknown = new double[1 + random.nextInt(60)];
      // few distinct values, so that ties are common
      for (int i = 0; i < known.length; i++) {
        known[i] = random.nextInt(8) + 1.5;
      }
      for (int i = 0; i < unknown.length; i++) {
        unknown[i] = random.nextInt(8);
      }
      assertThat(OpenSetScores.auroc(known, unknown))
          .isCloseTo(pairwiseAuroc(known, unknown), within(1e-12));
    }
    assertThat(OpenSetScores.auroc(new double[] {3, 4}, new double[] {1, 2})).isEqualTo(1.0);
    assertThat(OpenSetScores.auroc(new double[] {1}, new double[] {1})).isEqualTo(0.5);
  }

  @Test
  @DisplayName("the five outcomes at a threshold, counted by hand on six images")
  void outcomesByHand() {
    double[] scores = {0.9, 0.8, 0.3, 0.7, 0.2, 0.6};
    boolean[] known = {true, true, true, false, false, true};
    boolean[] correct = {true, false, true, false, false, true};
    // threshold 0.5: images 0, 1, 3, 5 accepted
    OpenSetScores.Outcomes o = OpenSetScores.outcomes(scores, known, correct, 0.5);
    assertThat(o.knownRight()).isEqualTo(2); // 0 and 5
    assertThat(o.knownWrong()).isEqualTo(1); // 1
    assertThat(o.knownRejected()).isEqualTo(1); // 2
    assertThat(o.unknownAccepted()).isEqualTo(1); // 3
    assertThat(o.unknownRejected()).isEqualTo(1); // 4
  }

  @Test
  @DisplayName("OSCR: by hand, two knowns right and one unknown between them give 1/2")
  void oscrByHand() {
    // sorted by score: known right (0.9), unknown (0.5), known right (0.2)
    double[] scores = {0.9, 0.5, 0.2};
    boolean[] known = {true, false, true};
    boolean[] correct = {true, false, true};
    // the curve: (0, 0) -> (0, 0.5) -> (1, 0.5) -> (1, 1): area 0.5
    assertThat(OpenSetScores.oscr(scores, known, correct)).isCloseTo(0.5, within(1e-12));
  }

  @Test
  @DisplayName("each score of one feature, worked out: distance, cosine, softmax, logit, length")
  void scoresOfOneFeature() {
    Vec2List weights = Vec2List.copyOf(new float[] {1, 0, 0, 2});
    Vec2List centers = Vec2List.copyOf(new float[] {3, 0, 0, 3});
    FloatVector bias = FloatVector.copyOf(new float[] {0, 0});
    OpenSetScores.Scored s =
        OpenSetScores.score(3, 4, HeadKind.SOFTMAX, weights, bias, 16, centers);
    assertThat(s.get(Score.FEATURE_NORM)).isCloseTo(5, within(1e-12));
    assertThat(s.get(Score.CENTER_DISTANCE))
        .isCloseTo(-Math.hypot(3, 1), within(1e-12)); // to (0, 3)
    assertThat(s.get(Score.MAX_COSINE)).isCloseTo(0.8, within(1e-12)); // 4/5 to (0, 2)
    assertThat(s.get(Score.MAX_LOGIT)).isCloseTo(8, within(1e-12)); // 0*3 + 2*4
    assertThat(s.get(Score.MAX_SOFTMAX)).isCloseTo(1 / (1 + Math.exp(3 - 8)), within(1e-12));
    assertThat(s.predicted()).isEqualTo(1);
    assertThat(Score.CENTER_DISTANCE.raw(s.get(Score.CENTER_DISTANCE)))
        .isCloseTo(Math.hypot(3, 1), within(1e-12));
    OpenSetScores.Scored normalized =
        OpenSetScores.score(3, 4, HeadKind.ARCFACE, weights, null, 16, centers);
    assertThat(normalized.get(Score.MAX_LOGIT)).isCloseTo(16 * 0.8, within(1e-12));
  }

  @Test
  @DisplayName("a probe with unknown digits: closed-set accuracy counts the knowns only")
  void closedAccuracyIgnoresUnknowns() {
    int known = Hyperparameters.digits(2, 3);
    ProbeResult probe =
        new ProbeResult(
            5,
            Vec2List.copyOf(new float[8]),
            IntVector.copyOf(new int[] {2, 3, 7, 3}),
            IntVector.copyOf(new int[] {2, 2, 3, 3}),
            known);
    assertThat(probe.accuracy()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(probe.isKnown(2)).isFalse();
    OpenSetEvaluation e =
        OpenSetEvaluation.of(
            probe,
            new StepSnapshot.HeadParameters(
                Vec2List.copyOf(new float[] {1, 0, 0, 1}),
                Optional.of(FloatVector.copyOf(new float[2]))),
            Vec2List.copyOf(new float[4]),
            Hyperparameters.defaults().withKnownDigits(known));
    assertThat(e.closedAccuracy()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(e.known(2)).isFalse();
    assertThat(e.correct(1)).isFalse();
    assertThat(e.correct(3)).isTrue();
  }
}
