package lab.centerloss.train;

import java.util.EnumMap;
import java.util.Map;
import lab.centerloss.train.OpenSetScores.Score;

/**
 * Every test image scored against the known classes (see {@link OpenSetScores}), and the numbers of
 * the open-set test over them: closed-set accuracy of the known digits, AUROC and OSCR of each
 * score. Plain Java; the window recomputes it for each probe, the command line for the test set.
 */
public final class OpenSetEvaluation {
  private final ProbeResult probe;
  private final OpenSetScores.Scored[] scored;
  private final boolean[] known;
  private final boolean[] correct;
  private final int[] classDigits;

  private OpenSetEvaluation(
      ProbeResult probe,
      OpenSetScores.Scored[] scored,
      boolean[] known,
      boolean[] correct,
      int[] classDigits) {
    this.probe = probe;
    this.scored = scored;
    this.known = known;
    this.correct = correct;
    this.classDigits = classDigits;
  }

  /**
   * Scores a probe's features with the head that made them and the centers. A probe of more than
   * two dimensions is scored with its own full features, weights and centers ({@link
   * ProbeResult#full()}); {@code head}'s bias is read either way.
   *
   * @param hp the settings of the run (head, s, the known digits)
   */
  public static OpenSetEvaluation of(
      ProbeResult probe, StepSnapshot.HeadParameters head, Vec2List centers, Hyperparameters hp) {
    int n = probe.size();
    OpenSetScores.Scored[] scored = new OpenSetScores.Scored[n];
    boolean[] known = new boolean[n];
    boolean[] correct = new boolean[n];
    int[] digits = hp.classDigits();
    FloatVector bias = head.bias().orElse(null);
    // more than two dimensions: the features, weights and centers themselves, never the plane's
    ProbeResult.Full full = probe.full().orElse(null);
    for (int i = 0; i < n; i++) {
      scored[i] =
          full != null
              ? OpenSetScores.score(
                  full.features(), i, hp.head(), full.weights(), bias, hp.scale(), full.centers())
              : OpenSetScores.score(
                  probe.features().x(i),
                  probe.features().y(i),
                  hp.head(),
                  head.weights(),
                  bias,
                  hp.scale(),
                  centers);
      known[i] = probe.isKnown(i);
      correct[i] = known[i] && probe.predictions().get(i) == probe.labels().get(i);
    }
    return new OpenSetEvaluation(probe, scored, known, correct, digits);
  }

  public int size() {
    return scored.length;
  }

  public OpenSetScores.Scored scored(int i) {
    return scored[i];
  }

  public boolean known(int i) {
    return known[i];
  }

  public boolean correct(int i) {
    return correct[i];
  }

  /** The digit predicted for image i, from the probe (the head's largest logit). */
  public int predictedDigit(int i) {
    return probe.predictions().get(i);
  }

  /** The digit of the nearest center to image i. */
  public int nearestCenterDigit(int i) {
    return classDigits[scored[i].nearestCenter()];
  }

  public ProbeResult probe() {
    return probe;
  }

  /** Every image's value of one score. */
  public double[] values(Score score) {
    double[] v = new double[scored.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = scored[i].get(score);
    }
    return v;
  }

  public boolean[] knownFlags() {
    return known.clone();
  }

  public boolean[] correctFlags() {
    return correct.clone();
  }

  /** AUROC of known against unknown for a score; NaN without unknowns. */
  public double auroc(Score score) {
    double[] v = values(score);
    int knowns = 0;
    for (boolean k : known) {
      knowns += k ? 1 : 0;
    }
    double[] a = new double[knowns];
    double[] b = new double[v.length - knowns];
    int ia = 0;
    int ib = 0;
    for (int i = 0; i < v.length; i++) {
      if (known[i]) {
        a[ia++] = v[i];
      } else {
        b[ib++] = v[i];
      }
    }
    return OpenSetScores.auroc(a, b);
  }

  public Map<Score, Double> aurocs() {
    Map<Score, Double> all = new EnumMap<>(Score.class);
    for (Score s : Score.values()) {
      all.put(s, auroc(s));
    }
    return all;
  }

  public double oscr(Score score) {
    return OpenSetScores.oscr(values(score), known, correct);
  }

  public OpenSetScores.Outcomes outcomes(Score score, double threshold) {
    return OpenSetScores.outcomes(values(score), known, correct, threshold);
  }

  /** The closed-set accuracy: known images classified right, of all known images. */
  public double closedAccuracy() {
    return probe.accuracy();
  }
}
