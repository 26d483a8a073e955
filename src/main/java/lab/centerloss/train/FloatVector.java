package lab.centerloss.train;

import java.util.Arrays;

/** An immutable list of floats (the softmax head's per-class bias). */
public final class FloatVector {
  private final float[] values;

  private FloatVector(float[] values) {
    this.values = values;
  }

  public static FloatVector copyOf(float[] values) {
    return new FloatVector(values.clone());
  }

  static FloatVector owning(float[] values) {
    return new FloatVector(values);
  }

  public int size() {
    return values.length;
  }

  public float get(int i) {
    return values[i];
  }

  public float[] toArray() {
    return values.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FloatVector other && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return Arrays.toString(values);
  }
}
