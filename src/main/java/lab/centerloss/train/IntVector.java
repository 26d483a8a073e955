package lab.centerloss.train;

import java.util.Arrays;

/** An immutable list of ints (labels, predictions, per-class counts). */
public final class IntVector {
  private final int[] values;

  private IntVector(int[] values) {
    this.values = values;
  }

  public static IntVector copyOf(int[] values) {
    return new IntVector(values.clone());
  }

  static IntVector owning(int[] values) {
    return new IntVector(values);
  }

  public int size() {
    return values.length;
  }

  public int get(int i) {
    return values[i];
  }

  public int[] toArray() {
    return values.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IntVector other && Arrays.equals(values, other.values);
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
