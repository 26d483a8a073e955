package lab.centerloss.plot;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Tick positions at 1, 2 or 5 times a power of ten, and labels without float noise ("0.3", not
 * "0.30000000000000004"), for any range from 1e-3 to 1e4 and beyond.
 */
public final class NiceTicks {
  private NiceTicks() {}

  /** The step between ticks so that about {@code targetCount} ticks cover [min, max]. */
  public static double step(double min, double max, int targetCount) {
    double span = Math.abs(max - min);
    if (!(span > 0) || !Double.isFinite(span)) {
      return 1;
    }
    double raw = span / Math.max(1, targetCount);
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    double fraction = raw / power;
    double nice = fraction < 1.5 ? 1 : fraction < 3.5 ? 2 : fraction < 7.5 ? 5 : 10;
    return nice * power;
  }

  /** Tick values inside [min, max], about {@code targetCount} of them. */
  public static List<Double> ticks(double min, double max, int targetCount) {
    return ticksWithStep(min, max, step(min, max, targetCount));
  }

  /** The multiples of {@code step} inside [min, max]. */
  public static List<Double> ticksWithStep(double min, double max, double step) {
    List<Double> ticks = new ArrayList<>();
    long first = (long) Math.ceil(Math.min(min, max) / step);
    long last = (long) Math.floor(Math.max(min, max) / step);
    for (long i = first; i <= last && ticks.size() < 1000; i++) {
      ticks.add(i * step);
    }
    return ticks;
  }

  /** A label for a tick of the given step: as many decimals as the step needs, no more. */
  public static String label(double value, double step) {
    if (Math.abs(value) < step * 1e-6) {
      return "0";
    }
    double magnitude = Math.max(Math.abs(value), step);
    if (magnitude >= 1e5 || step < 1e-4) {
      // as many mantissa digits as tell neighbouring ticks apart: 2.5e7, 2.6e7, not 3e7 twice
      int digits =
          Math.max(
              0, (int) (Math.floor(Math.log10(magnitude)) - Math.floor(Math.log10(step) + 1e-9)));
      return String.format("%." + digits + "e", value)
          .replace("e+0", "e")
          .replace("e-0", "e-")
          .replace("e+", "e");
    }
    int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
    return new BigDecimal(value).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
  }
}
