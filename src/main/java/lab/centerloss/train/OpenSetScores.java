package lab.centerloss.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lab.centerloss.text.Ids;

/**
 * How much a 2-D feature looks like a known class, by five scores (higher: more "known"), and the
 * open-set metrics over a test set of known and unknown images. Plain Java on copied arrays: the
 * window computes them for every probe without libtorch.
 *
 * <ul>
 *   <li>{@link Score#CENTER_DISTANCE}: the distance to the nearest center, negated (what center
 *       loss trains for; Wen et al., ECCV 2016);
 *   <li>{@link Score#MAX_COSINE}: the largest cosine to a class weight direction (what the
 *       normalized heads train for);
 *   <li>{@link Score#MAX_SOFTMAX} and {@link Score#MAX_LOGIT}: the baselines (Vaze et al.,
 *       "Open-Set Recognition: a Good Closed-Set Classifier is All You Need", ICLR 2022, find the
 *       maximum logit strong);
 *   <li>{@link Score#FEATURE_NORM}: the feature's length (Dhamija et al., "Reducing Network
 *       Agnostophobia", NeurIPS 2018: unknowns get small features).
 * </ul>
 */
public final class OpenSetScores {
  private OpenSetScores() {}

  public enum Score {
    CENTER_DISTANCE,
    MAX_COSINE,
    MAX_SOFTMAX,
    MAX_LOGIT,
    FEATURE_NORM;

    /** The name used in files: center_distance, max_cosine, ... */
    public String id() {
      return Ids.of(this);
    }

    /** The raw value a teacher reads (the distance itself, not negated) from the score. */
    public double raw(double score) {
      return this == CENTER_DISTANCE ? -score : score;
    }

    /** The score of a raw value (a distance threshold is a score threshold of minus it). */
    public double fromRaw(double raw) {
      return this == CENTER_DISTANCE ? -raw : raw;
    }
  }

  /**
   * One feature's scores and the class predicted for it.
   *
   * @param scores indexed by {@link Score#ordinal()}
   */
  public record Scored(double[] scores, int predicted, int nearestCenter) {
    public double get(Score score) {
      return scores[score.ordinal()];
    }
  }

  /**
   * The scores of feature (x, y) for a head (its weights, its bias for softmax) and centers. The
   * predicted class is the head's: the largest logit (W x + b for softmax, cos for the normalized
   * heads), as at test time.
   */
  public static Scored score(
      double x,
      double y,
      HeadKind head,
      Vec2List weights,
      FloatVector bias,
      double scale,
      Vec2List centers) {
    return score2d(x, y, head, weights, bias, scale, centers);
  }

  /**
   * The scores of row i of {@code features}, of any size d, for a head's weights and the centers
   * (rows of the same d): the same scores as in two dimensions, with lengths and dot products in d.
   */
  public static Scored score(
      FeatureRows features,
      int i,
      HeadKind head,
      FeatureRows weights,
      FloatVector bias,
      double scale,
      FeatureRows centers) {
    int classes = weights.size();
    double norm = features.norm(i);
    double maxCos = Double.NEGATIVE_INFINITY;
    double maxLogit = Double.NEGATIVE_INFINITY;
    int predicted = 0;
    double[] logits = new double[classes];
    for (int j = 0; j < classes; j++) {
      double wNorm = weights.norm(j);
      double dot = features.dot(i, weights, j);
      double cos = norm == 0 || wNorm == 0 ? 0 : dot / (norm * wNorm);
      maxCos = Math.max(maxCos, cos);
      logits[j] = head.isNormalized() ? scale * cos : dot + (bias == null ? 0 : bias.get(j));
      if (logits[j] > maxLogit) {
        maxLogit = logits[j];
        predicted = j;
      }
    }
    double sum = 0;
    for (double l : logits) {
      sum += Math.exp(l - maxLogit);
    }
    double nearest = Double.POSITIVE_INFINITY;
    int nearestCenter = 0;
    for (int j = 0; j < centers.size(); j++) {
      double d = Math.sqrt(features.squaredDistance(i, centers, j));
      if (d < nearest) {
        nearest = d;
        nearestCenter = j;
      }
    }
    return scored(nearest, maxCos, sum, maxLogit, norm, predicted, nearestCenter);
  }

  /**
   * The 2-D scores in the arithmetic they always had (hypot for lengths), so that a 2-D run's
   * figures stay the same to the last digit.
   */
  private static Scored score2d(
      double x,
      double y,
      HeadKind head,
      Vec2List weights,
      FloatVector bias,
      double scale,
      Vec2List centers) {
    int classes = weights.size();
    double norm = Math.hypot(x, y);
    double maxCos = Double.NEGATIVE_INFINITY;
    double maxLogit = Double.NEGATIVE_INFINITY;
    int predicted = 0;
    double[] logits = new double[classes];
    for (int j = 0; j < classes; j++) {
      double wx = weights.x(j);
      double wy = weights.y(j);
      double wNorm = Math.hypot(wx, wy);
      double cos = norm == 0 || wNorm == 0 ? 0 : (wx * x + wy * y) / (norm * wNorm);
      maxCos = Math.max(maxCos, cos);
      logits[j] =
          head.isNormalized() ? scale * cos : wx * x + wy * y + (bias == null ? 0 : bias.get(j));
      if (logits[j] > maxLogit) {
        maxLogit = logits[j];
        predicted = j;
      }
    }
    double sum = 0;
    for (double l : logits) {
      sum += Math.exp(l - maxLogit);
    }
    double nearest = Double.POSITIVE_INFINITY;
    int nearestCenter = 0;
    for (int j = 0; j < centers.size(); j++) {
      double d = Math.hypot(x - centers.x(j), y - centers.y(j));
      if (d < nearest) {
        nearest = d;
        nearestCenter = j;
      }
    }
    return scored(nearest, maxCos, sum, maxLogit, norm, predicted, nearestCenter);
  }

  private static Scored scored(
      double nearest,
      double maxCos,
      double sum,
      double maxLogit,
      double norm,
      int predicted,
      int nearestCenter) {
    double[] scores = new double[Score.values().length];
    scores[Score.CENTER_DISTANCE.ordinal()] = -nearest;
    scores[Score.MAX_COSINE.ordinal()] = maxCos;
    scores[Score.MAX_SOFTMAX.ordinal()] = 1 / sum;
    scores[Score.MAX_LOGIT.ordinal()] = maxLogit;
    scores[Score.FEATURE_NORM.ordinal()] = norm;
    return new Scored(scores, predicted, nearestCenter);
  }

  /**
   * AUROC of a score for telling knowns (higher) from unknowns: the probability that a random known
   * scores above a random unknown, ties counted half (the Mann-Whitney U statistic divided by the
   * number of pairs), computed from ranks in O(n log n).
   */
  public static double auroc(double[] known, double[] unknown) {
    if (known.length == 0 || unknown.length == 0) {
      return Double.NaN;
    }
    int n = known.length + unknown.length;
    double[] values = new double[n];
    boolean[] isKnown = new boolean[n];
    Integer[] order = new Integer[n];
    for (int i = 0; i < known.length; i++) {
      values[i] = known[i];
      isKnown[i] = true;
    }
    for (int i = 0; i < unknown.length; i++) {
      values[known.length + i] = unknown[i];
    }
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
    double rankSumKnown = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && values[order[j + 1]] == values[order[i]]) {
        j++;
      }
      double averageRank = (i + j) / 2.0 + 1; // ranks from 1; ties share their mean rank
      for (int k = i; k <= j; k++) {
        if (isKnown[order[k]]) {
          rankSumKnown += averageRank;
        }
      }
      i = j + 1;
    }
    double u = rankSumKnown - known.length * (known.length + 1) / 2.0;
    return u / ((double) known.length * unknown.length);
  }

  /** What a threshold does: counts of the five outcomes. */
  public record Outcomes(
      int knownRight, int knownWrong, int knownRejected, int unknownAccepted, int unknownRejected) {
    public int knowns() {
      return knownRight + knownWrong + knownRejected;
    }

    public int unknowns() {
      return unknownAccepted + unknownRejected;
    }
  }

  /**
   * At a threshold: a known image accepted (score at or above it) and classified right, accepted
   * and wrong, or rejected; an unknown accepted or rejected.
   */
  public static Outcomes outcomes(
      double[] scores, boolean[] known, boolean[] correct, double threshold) {
    int right = 0;
    int wrong = 0;
    int rejected = 0;
    int unknownAccepted = 0;
    int unknownRejected = 0;
    for (int i = 0; i < scores.length; i++) {
      boolean accepted = scores[i] >= threshold;
      if (known[i]) {
        if (!accepted) {
          rejected++;
        } else if (correct[i]) {
          right++;
        } else {
          wrong++;
        }
      } else if (accepted) {
        unknownAccepted++;
      } else {
        unknownRejected++;
      }
    }
    return new Outcomes(right, wrong, rejected, unknownAccepted, unknownRejected);
  }

  /**
   * A point of the OSCR curve: at a threshold, the rate of unknowns accepted and of knowns accepted
   * and right.
   */
  public record CurvePoint(double threshold, double falsePositiveRate, double correctRate) {}

  /**
   * The open-set classification rate curve (Dhamija et al. 2018): every threshold that changes it,
   * from the highest score down; x the fraction of unknowns accepted, y the fraction of knowns
   * accepted and classified right.
   */
  public static CurvePoint[] oscrCurve(double[] scores, boolean[] known, boolean[] correct) {
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
    int knowns = 0;
    int unknowns = 0;
    for (boolean k : known) {
      if (k) {
        knowns++;
      } else {
        unknowns++;
      }
    }
    List<CurvePoint> points = new ArrayList<>();
    points.add(new CurvePoint(Double.POSITIVE_INFINITY, 0, 0));
    int right = 0;
    int falsePositives = 0;
    int i = 0;
    while (i < order.length) {
      double t = scores[order[i]];
      while (i < order.length && scores[order[i]] == t) {
        int k = order[i];
        if (known[k] && correct[k]) {
          right++;
        } else if (!known[k]) {
          falsePositives++;
        }
        i++;
      }
      points.add(
          new CurvePoint(
              t,
              unknowns == 0 ? 0 : (double) falsePositives / unknowns,
              knowns == 0 ? 0 : (double) right / knowns));
    }
    return points.toArray(new CurvePoint[0]);
  }

  /** The area under the OSCR curve (trapezoids over its false-positive rate). */
  public static double oscr(double[] scores, boolean[] known, boolean[] correct) {
    CurvePoint[] curve = oscrCurve(scores, known, correct);
    double area = 0;
    for (int i = 1; i < curve.length; i++) {
      area +=
          (curve[i].falsePositiveRate() - curve[i - 1].falsePositiveRate())
              * (curve[i].correctRate() + curve[i - 1].correctRate())
              / 2;
    }
    return area;
  }

  /**
   * The ROC curve of known against unknown: (false-positive rate, true-positive rate) per
   * threshold.
   */
  public static CurvePoint[] rocCurve(double[] scores, boolean[] known) {
    boolean[] all = new boolean[known.length];
    Arrays.fill(all, true);
    return oscrCurve(scores, known, all);
  }
}
