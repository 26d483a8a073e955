package lab.centerloss.train;

import java.util.Arrays;

/**
 * An immutable list of 2-D points (features, centers, weight vectors), stored as x0, y0, x1, y1,
 * ...
 */
public final class Vec2List {
  private final float[] xy;

  private Vec2List(float[] xy) {
    if (xy.length % 2 != 0) {
      throw new IllegalArgumentException(
          "2-D points need an even number of coordinates, got " + xy.length);
    }
    this.xy = xy;
  }

  public static Vec2List copyOf(float[] xy) {
    return new Vec2List(xy.clone());
  }

  /** Takes ownership of an array that nobody else holds. */
  static Vec2List owning(float[] xy) {
    return new Vec2List(xy);
  }

  public int size() {
    return xy.length / 2;
  }

  public float x(int i) {
    return xy[2 * i];
  }

  public float y(int i) {
    return xy[2 * i + 1];
  }

  public float[] toArray() {
    return xy.clone();
  }

  public boolean allFinite() {
    for (float v : xy) {
      if (!Float.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Vec2List other && Arrays.equals(xy, other.xy);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(xy);
  }

  @Override
  public String toString() {
    return "Vec2List" + Arrays.toString(xy);
  }
}
