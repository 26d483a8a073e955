package lab.centerloss.ui.controls;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Maps a slider position in [0, 1] to a value and back. A log scale gives each decade the same
 * length, so 0.001 and 0.01 are as easy to pick as 0.1 and 1; a log scale with zero keeps the
 * leftmost notch for 0 (off).
 */
public record SliderScale(double min, double max, boolean logarithmic, double zeroBand) {

  public static SliderScale linear(double min, double max) {
    return new SliderScale(min, max, false, 0);
  }

  public static SliderScale log(double min, double max) {
    return new SliderScale(min, max, true, 0);
  }

  /** Positions below {@code zeroBand} mean 0; the rest spans min..max logarithmically. */
  public static SliderScale logWithZero(double min, double max, double zeroBand) {
    return new SliderScale(min, max, true, zeroBand);
  }

  public SliderScale {
    if (!(max > min) || (logarithmic && !(min > 0)) || zeroBand < 0 || zeroBand >= 1) {
      throw new IllegalArgumentException("impossible slider scale " + min + ".." + max);
    }
  }

  public double toValue(double position) {
    double p = Math.max(0, Math.min(1, position));
    if (zeroBand > 0 && p < zeroBand) {
      return 0;
    }
    double t = zeroBand > 0 ? (p - zeroBand) / (1 - zeroBand) : p;
    if (!logarithmic) {
      return min + t * (max - min);
    }
    return twoSignificantDigits(Math.exp(Math.log(min) + t * (Math.log(max) - Math.log(min))));
  }

  /**
   * A log slider's value is sent as the label shows it, 0.0032 and not 0.0031622776601683794: the
   * number on screen is the number trained with.
   */
  static double twoSignificantDigits(double value) {
    return new BigDecimal(value).round(new MathContext(2)).doubleValue();
  }

  public double toPosition(double value) {
    if (zeroBand > 0 && value <= 0) {
      return 0;
    }
    double clamped = Math.max(min, Math.min(max, value));
    double t =
        logarithmic
            ? (Math.log(clamped) - Math.log(min)) / (Math.log(max) - Math.log(min))
            : (clamped - min) / (max - min);
    return zeroBand > 0 ? zeroBand + t * (1 - zeroBand) : t;
  }
}
