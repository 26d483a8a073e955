package lab.centerloss.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Verification's figures against cases worked by hand and against brute force. */
class VerificationTest {

  private static Verification.Figures figures(double[] genuine, double[] impostor) {
    double[] scores = new double[genuine.length + impostor.length];
    boolean[] same = new boolean[scores.length];
    int[] fold = new int[scores.length];
    Arrays.fill(fold, -1);
    for (int k = 0; k < genuine.length; k++) {
      scores[k] = genuine[k];
      same[k] = true;
    }
    System.arraycopy(impostor, 0, scores, genuine.length, impostor.length);
    return Verification.figures(scores, same, fold);
  }

  @Test
  @DisplayName(
      "by hand: genuine 3, 2, 1 against impostors 2, 0: AUC 4.5/6 (the tie at 2 counts half), EER 0.4, TAR with no impostor accepted 1/3")
  void byHand() {
    Verification.Figures f = figures(new double[] {3, 2, 1}, new double[] {2, 0});
    assertThat(f.auc()).isCloseTo(0.75, within(1e-12));
    // ROC points (FAR, TAR): (0, 1/3) at t = 3, (1/2, 2/3) at t = 2; FAR = 1 - TAR at a = 0.8 of
    // the way
    assertThat(f.eer()).isCloseTo(0.4, within(1e-12));
    // two impostors: a FAR of 10% allows none, so t must be above 2; only the 3 is accepted
    assertThat(f.impostorsAtFar()).containsExactly(0, 0, 0);
    assertThat(f.tarAtFar()).containsExactly(1.0 / 3, 1.0 / 3, 1.0 / 3);
    assertThat(Verification.tarAtMostFalseAccepts(new double[] {1, 2, 3}, new double[] {0, 2}, 1))
        .as("one impostor allowed: t above 0 accepts all three")
        .isEqualTo(1.0);
    assertThat(f.genuine()).isEqualTo(3);
    assertThat(f.impostor()).isEqualTo(2);
    assertThat(f.foldAccuracy()).as("no balanced subset").isNaN();
  }

  @Test
  @DisplayName(
      "all scores equal: AUC 1/2, EER 1/2 (the ROC is the diagonal), and no threshold accepts genuine pairs only")
  void allEqual() {
    Verification.Figures f =
        figures(new double[] {0.5, 0.5, 0.5}, new double[] {0.5, 0.5, 0.5, 0.5});
    assertThat(f.auc()).isEqualTo(0.5);
    assertThat(f.eer()).isCloseTo(0.5, within(1e-12));
    assertThat(f.tarAtFar()).containsExactly(0.0, 0.0, 0.0);
  }

  @Test
  @DisplayName("perfectly apart: AUC 1, EER 0, TAR 1 at every FAR")
  void apart() {
    Verification.Figures f = figures(new double[] {0.9, 0.8}, new double[] {0.1, 0.2, 0.3});
    assertThat(f.auc()).isEqualTo(1.0);
    assertThat(f.eer()).isCloseTo(0, within(1e-12));
    assertThat(f.tarAtFar()).containsExactly(1.0, 1.0, 1.0);
  }

  @Test
  @DisplayName(
      "10-fold accuracy by hand with two folds: each fold's threshold is the most accurate on the other")
  void foldsByHand() {
    // fold 0: genuine 0.9, impostor 0.1; fold 1: genuine 0.8, impostor 0.7
    double[] scores = {0.9, 0.1, 0.8, 0.7};
    boolean[] same = {true, false, true, false};
    int[] fold = {0, 0, 1, 1};
    // held 0: on fold 1 the best t is 0.8 (both right); fold 0 at 0.8: both right
    // held 1: on fold 0 the best t is 0.9; fold 1 at 0.9: the genuine 0.8 is rejected
    assertThat(Verification.foldAccuracies(scores, same, fold)).containsExactly(1.0, 0.5);
    Verification.Figures f = Verification.figures(scores, same, fold);
    assertThat(f.foldAccuracy()).isCloseTo(0.75, within(1e-12));
    assertThat(f.foldSpread()).isCloseTo(0.25, within(1e-12));
  }

  @Test
  @DisplayName(
      "AUC, TAR at each FAR and EER agree with brute force over every pair and every threshold, ties included")
  void againstBruteForce() {
    SplittableRandom random = new SplittableRandom(7);
    for (int trial = 0; trial < 20; trial++) {
      int ng = 1 + random.nextInt(60);
      int ni = 1 + random.nextInt(400);
      double[] g = new double[ng];
      double[] im = new double[ni];
      for (int k = 0; k < ng; k++) {
        g[k] = Math.round((random.nextGaussian() + 1) * 4) / 4.0; // coarse: many ties
      }
      for (int k = 0; k < ni; k++) {
        im[k] = Math.round(random.nextGaussian() * 4) / 4.0;
      }
      double wins = 0;
      for (double a : g) {
        for (double b : im) {
          wins += a > b ? 1 : a == b ? 0.5 : 0;
        }
      }
      Verification.Figures f = figures(g, im);
      assertThat(f.auc()).isCloseTo(wins / (ng * (double) ni), within(1e-12));
      Set<Double> thresholds = new HashSet<>();
      for (double a : g) {
        thresholds.add(a);
      }
      for (double b : im) {
        thresholds.add(b);
      }
      thresholds.add(Double.POSITIVE_INFINITY);
      for (int fi = 0; fi < Verification.FARS.length; fi++) {
        double best = 0;
        for (double t : thresholds) {
          long falseAccepts = Arrays.stream(im).filter(b -> b >= t).count();
          if (falseAccepts <= f.impostorsAtFar()[fi]) {
            best = Math.max(best, Arrays.stream(g).filter(a -> a >= t).count() / (double) ng);
          }
        }
        assertThat(f.tarAtFar()[fi])
            .as("trial %d, FAR %s", trial, Verification.FARS[fi])
            .isEqualTo(best);
      }
      assertThat(f.eer()).isBetween(0.0, 1.0);
    }
  }

  @Test
  @DisplayName(
      "pairs: only the digits asked for, genuine of one digit and impostors of two, all of them when few, none when one digit only")
  void pairsByHand() {
    IntVector labels = IntVector.copyOf(new int[] {0, 0, 1, 1, 2});
    Verification.Pairs pairs =
        Verification.pairs(labels, Hyperparameters.digits(0, 1), 1, 100, 100);
    assertThat(pairs.genuine()).isEqualTo(2);
    assertThat(pairs.impostor()).isEqualTo(4);
    Set<String> seen = new HashSet<>();
    for (int k = 0; k < pairs.size(); k++) {
      int a = pairs.first()[k];
      int b = pairs.second()[k];
      assertThat(a).isLessThan(b);
      assertThat(b).as("image 4 is a 2, not asked for").isLessThan(4);
      assertThat(labels.get(a) == labels.get(b)).isEqualTo(pairs.same()[k]);
      assertThat(seen.add(a + "," + b)).isTrue();
    }
    assertThat(pairs.fold())
        .as("2 balanced pairs of each kind: folds 0 and 1")
        .containsExactly(0, 1, 0, 1, -1, -1);
    assertThat(Verification.pairs(labels, Hyperparameters.digits(2, 3), 1, 100, 100).isEmpty())
        .as("a single image of one digit: no pair")
        .isTrue();
    assertThat(
            Verification.pairs(
                    IntVector.copyOf(new int[] {5, 5, 5}),
                    Hyperparameters.digits(5, 6),
                    1,
                    100,
                    100)
                .isEmpty())
        .as("one digit only: no impostor")
        .isTrue();
  }

  @Test
  @DisplayName(
      "sampled pairs: the counts asked for, no repeats, the right kind, and the same list for the same labels")
  void sampledPairs() {
    int[] raw = new int[3000];
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < raw.length; i++) {
      raw[i] = random.nextInt(10);
    }
    IntVector labels = IntVector.copyOf(raw);
    int unseen = Hyperparameters.digits(0, 1, 6, 7);
    Verification.Pairs pairs =
        Verification.pairs(labels, unseen, Verification.PAIR_SEED, 500, 5000);
    assertThat(pairs.genuine()).isEqualTo(500);
    assertThat(pairs.impostor()).isEqualTo(5000);
    Set<Long> seen = new HashSet<>();
    int[] perFold = new int[Verification.FOLDS];
    for (int k = 0; k < pairs.size(); k++) {
      int a = pairs.first()[k];
      int b = pairs.second()[k];
      assertThat(Hyperparameters.isKnown(raw[a], unseen) && Hyperparameters.isKnown(raw[b], unseen))
          .isTrue();
      assertThat(raw[a] == raw[b]).isEqualTo(pairs.same()[k]);
      assertThat(seen.add((long) a << 32 | b)).isTrue();
      if (pairs.fold()[k] >= 0) {
        perFold[pairs.fold()[k]]++;
      }
    }
    assertThat(perFold).as("500 of each kind in the balanced subset, 100 a fold").containsOnly(100);
    Verification.Pairs again =
        Verification.pairs(labels, unseen, Verification.PAIR_SEED, 500, 5000);
    assertThat(again.first()).isEqualTo(pairs.first());
    assertThat(again.second()).isEqualTo(pairs.second());
  }

  @Test
  @DisplayName("scores: the cosine of the two features, and minus their distance")
  void scores() {
    Vec2List features = Vec2List.copyOf(new float[] {1, 0, 0, 2, 3, 4});
    Verification.Pairs pairs =
        new Verification.Pairs(
            new int[] {0, 0},
            new int[] {1, 2},
            new boolean[] {true, false},
            new int[] {-1, -1},
            1,
            1);
    assertThat(Verification.scores(features, pairs, Verification.PairScore.COSINE))
        .containsExactly(0.0, 0.6);
    assertThat(Verification.scores(features, pairs, Verification.PairScore.DISTANCE))
        .containsExactly(-Math.sqrt(5), -Math.sqrt(20));
  }
}
