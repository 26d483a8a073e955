package lab.centerloss.ui.charts;

import lab.centerloss.plot.NiceTicks;

/**
 * A chart axis's bounds and tick step, chosen so that they change seldom while a run grows. An axis
 * that ranged itself to its data moved with every new point: each change laid the chart out again
 * and measured every tick label anew, which held the JavaFX thread for 40 to 70 ms at a time on the
 * 2-core CPU. These bounds round outwards to a few steady values instead (for steps: the span
 * rounded up to 1, 2 or 5 times a power of ten), so that the axis moves a few times a decade.
 */
public record AxisRange(double lower, double upper, double tick) {
  /** Before the first step: steps 0 to 100. */
  public static final AxisRange NO_STEPS = new AxisRange(0, 100, 20);

  /**
   * Before the first step: a loss of 0 to 2.5 (ln 10 = 2.3 is where an untrained ten-class head
   * starts).
   */
  public static final AxisRange NO_LOSS = new AxisRange(0, 2.5, 0.5);

  private static final double[] SPAN_MANTISSAS = {1, 2, 5};
  private static final double[] LOSS_MANTISSAS = {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8};

  /**
   * Steps {@code first} to {@code last}: from {@code first} rounded down to its tick, over a span
   * of 1, 2 or 5 times a power of ten.
   */
  public static AxisRange steps(double first, double last) {
    if (!Double.isFinite(first) || !Double.isFinite(last) || last < first) {
      return NO_STEPS;
    }
    double span = roundUp(Math.max(last - first, 100), SPAN_MANTISSAS);
    double tick = NiceTicks.step(0, span, 5);
    double lower = Math.floor(first / tick) * tick;
    if (last > lower + span) { // rounding the start down pushed the end out
      span = roundUp(last - lower, SPAN_MANTISSAS);
      tick = NiceTicks.step(0, span, 5);
      lower = Math.floor(first / tick) * tick;
    }
    return new AxisRange(lower, lower + span, tick);
  }

  /**
   * A loss from 0 to its largest value {@code max}, rounded up to 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8
   * times a power of ten.
   */
  public static AxisRange loss(double max) {
    if (!(max > 0) || !Double.isFinite(max)) {
      return NO_LOSS;
    }
    double upper = roundUp(max, LOSS_MANTISSAS);
    return new AxisRange(0, upper, NiceTicks.step(0, upper, 5));
  }

  /** The smallest mantissa times a power of ten that is at least {@code value} (value > 0). */
  static double roundUp(double value, double[] mantissas) {
    double power = Math.pow(10, Math.floor(Math.log10(value)));
    for (int attempt = 0; attempt < 3; attempt++, power *= 10) {
      for (double m : mantissas) {
        // 1e-9: a value that is already round (0.3 as 3 x 0.1) stays where it is
        if (m * power >= value * (1 - 1e-9)) {
          return m * power;
        }
      }
    }
    return value;
  }
}
