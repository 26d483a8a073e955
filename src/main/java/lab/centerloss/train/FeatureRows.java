package lab.centerloss.train;

import java.util.Arrays;

/**
 * An immutable list of feature vectors of one size d (test features, centers, weight vectors), row
 * after row: row i is {@code values[i d] .. values[i d + d - 1]}. What {@link Vec2List} is for d =
 * 2, for any feature size; the figures that must not use a 2-D projection (verification, open-set
 * scores, the exported features) read these.
 */
public final class FeatureRows {
  private final int dimensions;
  private final float[] values;

  private FeatureRows(int dimensions, float[] values) {
    if (dimensions < 1 || values.length % dimensions != 0) {
      throw new IllegalArgumentException(
          values.length + " numbers are not rows of " + dimensions + " dimensions");
    }
    this.dimensions = dimensions;
    this.values = values;
  }

  public static FeatureRows copyOf(int dimensions, float[] values) {
    return new FeatureRows(dimensions, values.clone());
  }

  /** Takes ownership of an array that nobody else holds. */
  static FeatureRows owning(int dimensions, float[] values) {
    return new FeatureRows(dimensions, values);
  }

  /** The same points as rows of two. */
  public static FeatureRows of(Vec2List points) {
    return new FeatureRows(2, points.toArray());
  }

  public int dimensions() {
    return dimensions;
  }

  public int size() {
    return values.length / dimensions;
  }

  /** Component k of row i. */
  public float get(int i, int k) {
    return values[i * dimensions + k];
  }

  public float[] toArray() {
    return values.clone();
  }

  /** The squared Euclidean distance between row i and row j of {@code other}. */
  public double squaredDistance(int i, FeatureRows other, int j) {
    double sum = 0;
    int a = i * dimensions;
    int b = j * other.dimensions;
    for (int k = 0; k < dimensions; k++) {
      double d = values[a + k] - other.values[b + k];
      sum += d * d;
    }
    return sum;
  }

  /** The dot product of row i and row j of {@code other}. */
  public double dot(int i, FeatureRows other, int j) {
    double sum = 0;
    int a = i * dimensions;
    int b = j * other.dimensions;
    for (int k = 0; k < dimensions; k++) {
      sum += (double) values[a + k] * other.values[b + k];
    }
    return sum;
  }

  /** The length of row i. */
  public double norm(int i) {
    return Math.sqrt(dot(i, this, i));
  }

  public boolean allFinite() {
    for (float v : values) {
      if (!Float.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureRows other
        && dimensions == other.dimensions
        && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return 31 * dimensions + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "FeatureRows[" + dimensions + "]" + Arrays.toString(values);
  }
}
