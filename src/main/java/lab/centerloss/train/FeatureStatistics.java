package lab.centerloss.train;

import java.util.Arrays;

/** Measures of how classes sit in the feature plane; plain Java on copied arrays. */
public final class FeatureStatistics {
  private FeatureStatistics() {}

  /**
   * Root-mean-square distance of each feature to the center of its class: sqrt(1/N sum_i |x_i -
   * c_{y_i}|^2).
   */
  public static double rmsDistanceToCenters(Vec2List features, IntVector labels, Vec2List centers) {
    return rmsDistanceToCenters(features, labels, centers, Hyperparameters.ALL_DIGITS);
  }

  /**
   * The same over the known digits' features only, center j being the j-th known digit's (the
   * open-set split).
   */
  public static double rmsDistanceToCenters(
      Vec2List features, IntVector labels, Vec2List centers, int knownDigits) {
    int[] classOf = classOf(knownDigits);
    double sum = 0;
    int n = 0;
    for (int i = 0; i < features.size(); i++) {
      int digit = labels.get(i);
      int c = digit >= 0 && digit < classOf.length ? classOf[digit] : -1;
      if (c < 0) {
        continue;
      }
      double dx = features.x(i) - centers.x(c);
      double dy = features.y(i) - centers.y(c);
      sum += dx * dx + dy * dy;
      n++;
    }
    return n == 0 ? 0 : Math.sqrt(sum / n);
  }

  /**
   * The same for features and centers of any size d (a run with a larger feature): the distances in
   * d dimensions, not on the plane's projection.
   */
  public static double rmsDistanceToCenters(
      FeatureRows features, IntVector labels, FeatureRows centers, int knownDigits) {
    int[] classOf = classOf(knownDigits);
    double sum = 0;
    int n = 0;
    for (int i = 0; i < features.size(); i++) {
      int digit = labels.get(i);
      int c = digit >= 0 && digit < classOf.length ? classOf[digit] : -1;
      if (c < 0) {
        continue;
      }
      sum += features.squaredDistance(i, centers, c);
      n++;
    }
    return n == 0 ? 0 : Math.sqrt(sum / n);
  }

  /** The mean feature of each known digit's class, in d dimensions. */
  public static FeatureRows classMeans(FeatureRows features, IntVector labels, int knownDigits) {
    int[] classOf = classOf(knownDigits);
    int classes = Integer.bitCount(knownDigits);
    int d = features.dimensions();
    double[] sums = new double[classes * d];
    int[] counts = new int[classes];
    for (int i = 0; i < features.size(); i++) {
      int digit = labels.get(i);
      int c = digit >= 0 && digit < classOf.length ? classOf[digit] : -1;
      if (c < 0) {
        continue;
      }
      for (int k = 0; k < d; k++) {
        sums[c * d + k] += features.get(i, k);
      }
      counts[c]++;
    }
    float[] means = new float[classes * d];
    for (int k = 0; k < means.length; k++) {
      means[k] = (float) (sums[k] / counts[k / d]);
    }
    return FeatureRows.owning(d, means);
  }

  /** The smallest distance between two of the rows, in d dimensions. */
  public static double minPairwiseDistance(FeatureRows points) {
    double min = Double.POSITIVE_INFINITY;
    for (int a = 0; a < points.size(); a++) {
      for (int b = a + 1; b < points.size(); b++) {
        min = Math.min(min, Math.sqrt(points.squaredDistance(a, points, b)));
      }
    }
    return min;
  }

  /** Digit to class index for a set of known digits; -1 for the others. */
  public static int[] classOf(int knownDigits) {
    int[] classOf = new int[31];
    Arrays.fill(classOf, -1);
    int j = 0;
    for (int d = 0; d < 31; d++) {
      if ((knownDigits & (1 << d)) != 0) {
        classOf[d] = j++;
      }
    }
    return classOf;
  }

  /**
   * The mean feature of each known digit's class, in class order (NaN for a class with no feature).
   */
  public static Vec2List classMeans(Vec2List features, IntVector labels, int knownDigits) {
    int[] classOf = classOf(knownDigits);
    int classes = Integer.bitCount(knownDigits);
    double[] sums = new double[classes * 2];
    int[] counts = new int[classes];
    for (int i = 0; i < features.size(); i++) {
      int digit = labels.get(i);
      int c = digit >= 0 && digit < classOf.length ? classOf[digit] : -1;
      if (c < 0) {
        continue;
      }
      sums[2 * c] += features.x(i);
      sums[2 * c + 1] += features.y(i);
      counts[c]++;
    }
    float[] means = new float[classes * 2];
    for (int c = 0; c < classes; c++) {
      means[2 * c] = (float) (sums[2 * c] / counts[c]);
      means[2 * c + 1] = (float) (sums[2 * c + 1] / counts[c]);
    }
    return Vec2List.owning(means);
  }

  /** The smallest distance between two of the points. */
  public static double minPairwiseDistance(Vec2List points) {
    double min = Double.POSITIVE_INFINITY;
    for (int a = 0; a < points.size(); a++) {
      for (int b = a + 1; b < points.size(); b++) {
        min = Math.min(min, Math.hypot(points.x(a) - points.x(b), points.y(a) - points.y(b)));
      }
    }
    return min;
  }

  /** The smallest angle between two of the directions, in radians. */
  public static double smallestAngle(Vec2List directions) {
    double smallest = Math.PI;
    for (int i = 0; i < directions.size(); i++) {
      for (int j = i + 1; j < directions.size(); j++) {
        double a = Math.atan2(directions.y(i), directions.x(i));
        double b = Math.atan2(directions.y(j), directions.x(j));
        double d = Math.abs(a - b) % (2 * Math.PI);
        smallest = Math.min(smallest, Math.min(d, 2 * Math.PI - d));
      }
    }
    return smallest;
  }

  /**
   * The spread of a probe's known classes and the distance between the nearest two centers: the
   * figures of center loss's claim (compact classes far apart; Wen et al., ECCV 2016, section 3.2).
   *
   * @param rms root-mean-square distance of the features to their class's center
   * @param nearestCenters the smallest distance between two centers
   */
  public record Spread(double rms, double nearestCenters) {
    /**
     * rms ÷ nearestCenters, which does not depend on the scale; NaN with centers all at one point.
     */
    public double ratio() {
      return nearestCenters > 0 ? rms / nearestCenters : Double.NaN;
    }
  }

  /**
   * The spread of a probe with the centers of its step: for a feature of more than two dimensions
   * computed in d dimensions from the probe's own features and centers, never on the projection the
   * plane draws ({@code centers}, the drawn ones, are used only for a 2-D feature).
   */
  public static Spread spread(ProbeResult probe, Vec2List centers, int knownDigits) {
    return probe
        .full()
        .map(
            full ->
                new Spread(
                    rmsDistanceToCenters(
                        full.features(), probe.labels(), full.centers(), knownDigits),
                    minPairwiseDistance(full.centers())))
        .orElseGet(
            () ->
                new Spread(
                    rmsDistanceToCenters(probe.features(), probe.labels(), centers, knownDigits),
                    minPairwiseDistance(centers)));
  }

  /** The smallest angle between two of the directions (rows of any size d), in radians. */
  public static double smallestAngle(FeatureRows directions) {
    double smallest = Math.PI;
    for (int i = 0; i < directions.size(); i++) {
      for (int j = i + 1; j < directions.size(); j++) {
        double norms = directions.norm(i) * directions.norm(j);
        if (norms == 0) {
          continue;
        }
        double cos = Math.max(-1, Math.min(1, directions.dot(i, directions, j) / norms));
        smallest = Math.min(smallest, Math.acos(cos));
      }
    }
    return smallest;
  }

  /**
   * The smallest angle between two class directions W_j of the head that made a probe: in d
   * dimensions from the probe's own weights when the feature has more than two, else of {@code
   * weights}.
   */
  public static double smallestWeightAngle(ProbeResult probe, Vec2List weights) {
    return probe
        .full()
        .map(full -> smallestAngle(full.weights()))
        .orElseGet(() -> smallestAngle(weights));
  }
}
