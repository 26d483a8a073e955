package lab.centerloss.ui.common;

import java.util.ArrayList;
import java.util.List;

/** Measures the gaps between animation frames: a long gap is a frozen window. */
public final class FrameClock {
  private long last = -1;
  private long longestGap;
  private long frames;
  private long started = -1;
  private final List<double[]> longGaps = new ArrayList<>();

  public void tick(long now) {
    if (started < 0) {
      started = now;
    }
    if (last >= 0) {
      longestGap = Math.max(longestGap, now - last);
      if (now - last > 40_000_000L && longGaps.size() < 50) {
        longGaps.add(new double[] {(last - started) / 1e9, (now - last) / 1e6});
      }
    }
    last = now;
    frames++;
  }

  public double longestGapMillis() {
    return longestGap / 1e6;
  }

  public long frames() {
    return frames;
  }

  /** Gaps over 40 ms: [seconds since the start, gap in ms]. */
  public List<double[]> longGaps() {
    return List.copyOf(longGaps);
  }

  public void restart() {
    longGaps.clear();
    started = -1;
    last = -1;
    longestGap = 0;
    frames = 0;
  }
}
