package lab.centerloss.train;

/**
 * A set of digit labels as bits (bit d for digit d), the form {@link Hyperparameters#knownDigits()}
 * and the probes keep it in. Labels above 9 never belong to it: the other data's label ({@code
 * MnistDataSet.OTHER_DATA}) is never known.
 */
public final class DigitSet {
  /** The labels a set may hold: 0 to 30, so that every bit fits a positive int. */
  private static final int LABELS = 31;

  /** The ten digits of MNIST, all known: the closed set. */
  public static final int ALL = (1 << 10) - 1;

  /** The common 6/4 open-set protocol on MNIST: 2, 3, 4, 5, 8, 9 known; 0, 1, 6, 7 unknown. */
  public static final int OPEN_SET = of(2, 3, 4, 5, 8, 9);

  private DigitSet() {}

  /** The bits of the given digits. */
  public static int of(int... digits) {
    int bits = 0;
    for (int d : digits) {
      bits |= 1 << d;
    }
    return bits;
  }

  /** Whether a digit is in the set; a label outside 0..30 never is. */
  public static boolean contains(int bits, int digit) {
    return digit >= 0 && digit < LABELS && (bits & (1 << digit)) != 0;
  }

  /** The digits of the set, ascending. */
  public static int[] digits(int bits) {
    int[] digits = new int[Integer.bitCount(bits)];
    int j = 0;
    for (int d = 0; d < LABELS; d++) {
      if (contains(bits, d)) {
        digits[j++] = d;
      }
    }
    return digits;
  }

  /** "2, 3, 4, 5, 8, 9": digits are written the same in every language. */
  public static String describe(int bits) {
    StringBuilder text = new StringBuilder();
    for (int d : digits(bits)) {
      text.append(text.length() == 0 ? "" : ", ").append(d);
    }
    return text.toString();
  }

  /** Whether a set can be trained with: at least two MNIST digits, nothing else. */
  public static boolean isTrainable(int bits) {
    return Integer.bitCount(bits) >= 2 && (bits & ~ALL) == 0;
  }
}
