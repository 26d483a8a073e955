package lab.centerloss.train;

import java.util.SplittableRandom;

/**
 * How features of more than two dimensions are drawn on the plane: onto the top two principal axes
 * of the known test features of one probe (principal component analysis: the eigenvectors of their
 * covariance matrix, taken about their mean, with the two largest eigenvalues; Pearson, "On lines
 * and planes of closest fit to systems of points in space", 1901; Hotelling 1933).
 *
 * <p>A point x is drawn at (a1 . x, a2 . x): projected through the origin, not moved by the mean,
 * so that the origin of the plane is the origin of the feature space and the directions from it
 * (the head's weight vectors, the cosines the normalized heads and verification use) keep their
 * meaning as far as a projection can. Every vector of a step (batch features, centers, weights,
 * center moves) is drawn with the axes of the latest probe, so the axes stay fixed between two
 * probes.
 *
 * <p>Each axis is determined up to its sign; the sign is chosen so that the axis's component of
 * largest magnitude is positive (the lowest index among equals), so the same features always give
 * the same picture.
 */
public final class FeatureProjection {
  /** Subspace iterations at most; the top two of a digit's features converge in tens. */
  private static final int MAX_ITERATIONS = 2000;

  private static final double TOLERANCE = 1e-12;

  /** Components of a unit axis closer than this (float features) count as equally large. */
  private static final double SIGN_TIE = 1e-6;

  private final int dimensions;
  private final double[] first;
  private final double[] second;

  private FeatureProjection(double[] first, double[] second) {
    this.dimensions = first.length;
    this.first = first;
    this.second = second;
  }

  /** The axes of a projection given as numbers (each of length d), e.g. read from a file. */
  public static FeatureProjection of(double[] first, double[] second) {
    if (first.length != second.length || first.length < 2) {
      throw new IllegalArgumentException("two axes of one size, at least 2, are needed");
    }
    return new FeatureProjection(first.clone(), second.clone());
  }

  /**
   * The top two principal axes of the rows of {@code features} whose {@code use} flag is set (all
   * rows when {@code use} is null). With fewer than two such rows, or no spread at all, the first
   * two coordinate axes.
   */
  public static FeatureProjection principalAxes(FeatureRows features, boolean[] use) {
    int d = features.dimensions();
    double[] mean = new double[d];
    int n = 0;
    for (int i = 0; i < features.size(); i++) {
      if (use == null || use[i]) {
        n++;
        for (int k = 0; k < d; k++) {
          mean[k] += features.get(i, k);
        }
      }
    }
    if (n < 2) {
      return coordinateAxes(d);
    }
    for (int k = 0; k < d; k++) {
      mean[k] /= n;
    }
    double[][] covariance = new double[d][d];
    double[] centred = new double[d];
    for (int i = 0; i < features.size(); i++) {
      if (use == null || use[i]) {
        for (int k = 0; k < d; k++) {
          centred[k] = features.get(i, k) - mean[k];
        }
        for (int a = 0; a < d; a++) {
          double ca = centred[a];
          if (ca == 0) {
            continue;
          }
          double[] row = covariance[a];
          for (int b = a; b < d; b++) {
            row[b] += ca * centred[b];
          }
        }
      }
    }
    double trace = 0;
    for (int a = 0; a < d; a++) {
      for (int b = a; b < d; b++) {
        covariance[a][b] /= n - 1;
        covariance[b][a] = covariance[a][b];
      }
      trace += covariance[a][a];
    }
    if (!(trace > 0) || !Double.isFinite(trace)) {
      return coordinateAxes(d);
    }
    return topTwo(covariance);
  }

  /** x1 and x2: what the plane shows when there is nothing to analyse. */
  public static FeatureProjection coordinateAxes(int dimensions) {
    double[] a = new double[dimensions];
    double[] b = new double[dimensions];
    a[0] = 1;
    b[1] = 1;
    return new FeatureProjection(a, b);
  }

  /**
   * The eigenvectors of the two largest eigenvalues of a symmetric positive semi-definite matrix:
   * orthogonal (subspace) iteration on a block of two, then the 2x2 Rayleigh-Ritz problem in the
   * converged plane to order and separate them (Golub and Van Loan, "Matrix Computations", 4th ed.,
   * section 8.3.7). The start is a fixed pseudo-random block, so the result is deterministic.
   */
  static FeatureProjection topTwo(double[][] c) {
    int d = c.length;
    SplittableRandom random = new SplittableRandom(28);
    double[] q1 = new double[d];
    double[] q2 = new double[d];
    for (int k = 0; k < d; k++) {
      q1[k] = random.nextDouble(-1, 1);
      q2[k] = random.nextDouble(-1, 1);
    }
    orthonormalise(q1, q2);
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      double[] z1 = times(c, q1);
      double[] z2 = times(c, q2);
      orthonormalise(z1, z2);
      // converged when the new plane is the old one: both new vectors lie in span(q1, q2)
      double change = 2 - squaredLengthIn(z1, q1, q2) - squaredLengthIn(z2, q1, q2);
      q1 = z1;
      q2 = z2;
      if (Math.abs(change) < TOLERANCE) {
        break;
      }
    }
    // Rayleigh-Ritz: the 2x2 matrix Q^T C Q and its eigenvectors
    double[] c1 = times(c, q1);
    double[] c2 = times(c, q2);
    double a = dot(q1, c1);
    double b = dot(q1, c2);
    double e = dot(q2, c2);
    double angle = 0.5 * Math.atan2(2 * b, a - e); // rotates (a, b; b, e) to diagonal
    double cos = Math.cos(angle);
    double sin = Math.sin(angle);
    double[] v1 = new double[d];
    double[] v2 = new double[d];
    for (int k = 0; k < d; k++) {
      v1[k] = cos * q1[k] + sin * q2[k];
      v2[k] = -sin * q1[k] + cos * q2[k];
    }
    double l1 = dot(v1, times(c, v1));
    double l2 = dot(v2, times(c, v2));
    if (l2 > l1) {
      double[] t = v1;
      v1 = v2;
      v2 = t;
    }
    signed(v1);
    signed(v2);
    return new FeatureProjection(v1, v2);
  }

  private static double[] times(double[][] c, double[] v) {
    double[] out = new double[v.length];
    for (int a = 0; a < v.length; a++) {
      out[a] = dot(c[a], v);
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int k = 0; k < a.length; k++) {
      sum += a[k] * b[k];
    }
    return sum;
  }

  private static double squaredLengthIn(double[] v, double[] q1, double[] q2) {
    double p1 = dot(v, q1);
    double p2 = dot(v, q2);
    return p1 * p1 + p2 * p2;
  }

  /** Gram-Schmidt, twice over for the rounding; a vector that vanishes is replaced by an axis. */
  private static void orthonormalise(double[] a, double[] b) {
    normalise(a, 0);
    for (int pass = 0; pass < 2; pass++) {
      double p = dot(a, b);
      for (int k = 0; k < b.length; k++) {
        b[k] -= p * a[k];
      }
    }
    if (!normalise(b, -1)) {
      // the matrix has rank 1 on this block: any unit vector orthogonal to a
      int axis = Math.abs(a[0]) < 0.9 ? 0 : 1;
      java.util.Arrays.fill(b, 0);
      b[axis] = 1;
      double p = dot(a, b);
      for (int k = 0; k < b.length; k++) {
        b[k] -= p * a[k];
      }
      normalise(b, -1);
    }
  }

  /** Scales v to length 1; false when it is 0 (then, for {@code axis} >= 0, the unit axis). */
  private static boolean normalise(double[] v, int axis) {
    double length = Math.sqrt(dot(v, v));
    if (!(length > 1e-300)) {
      if (axis >= 0) {
        java.util.Arrays.fill(v, 0);
        v[axis] = 1;
      }
      return false;
    }
    for (int k = 0; k < v.length; k++) {
      v[k] /= length;
    }
    return true;
  }

  /** The sign convention: the component of largest magnitude positive. */
  private static void signed(double[] v) {
    int largest = 0;
    for (int k = 1; k < v.length; k++) {
      // equal up to rounding is equal: the first of them decides
      if (Math.abs(v[k]) > Math.abs(v[largest]) + SIGN_TIE) {
        largest = k;
      }
    }
    if (v[largest] < 0) {
      for (int k = 0; k < v.length; k++) {
        v[k] = -v[k];
      }
    }
  }

  public int dimensions() {
    return dimensions;
  }

  /** The first axis (largest variance), unit length. */
  public double[] firstAxis() {
    return first.clone();
  }

  /** The second axis, unit length and orthogonal to the first. */
  public double[] secondAxis() {
    return second.clone();
  }

  /** Every row drawn on the plane: (a1 . x, a2 . x). */
  public Vec2List project(FeatureRows rows) {
    if (rows.dimensions() != dimensions) {
      throw new IllegalArgumentException(
          "rows of " + rows.dimensions() + " dimensions, axes of " + dimensions);
    }
    float[] xy = new float[2 * rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      double x = 0;
      double y = 0;
      for (int k = 0; k < dimensions; k++) {
        double v = rows.get(i, k);
        x += first[k] * v;
        y += second[k] * v;
      }
      xy[2 * i] = (float) x;
      xy[2 * i + 1] = (float) y;
    }
    return Vec2List.owning(xy);
  }

  /** Rows given as a flat array of {@link #dimensions()} numbers each. */
  public Vec2List project(float[] rows) {
    return project(FeatureRows.owning(dimensions, rows));
  }
}
