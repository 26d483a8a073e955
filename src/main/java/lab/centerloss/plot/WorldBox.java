package lab.centerloss.plot;

import java.util.Arrays;
import lab.centerloss.train.Vec2List;

/** An axis-aligned box in feature space, for choosing what the view should show. */
public record WorldBox(double minX, double maxX, double minY, double maxY) {

  /** A unit box around the origin, for before the first features exist. */
  public static WorldBox around(double x, double y, double halfSize) {
    return new WorldBox(x - halfSize, x + halfSize, y - halfSize, y + halfSize);
  }

  /**
   * The box that holds all of {@code always} (the centers) and all but the outermost {@code
   * outlierFraction} of {@code points} on each side of each axis, so that a few stray features do
   * not shrink the whole cloud to a dot. Non-finite values are ignored.
   */
  public static WorldBox robust(Vec2List points, Vec2List always, double outlierFraction) {
    double[] xs = finite(points, true);
    double[] ys = finite(points, false);
    double minX = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    if (xs.length > 0) {
      Arrays.sort(xs);
      Arrays.sort(ys);
      int cut = (int) Math.floor(outlierFraction * (xs.length - 1));
      minX = xs[cut];
      maxX = xs[xs.length - 1 - cut];
      minY = ys[cut];
      maxY = ys[ys.length - 1 - cut];
    }
    for (int i = 0; i < always.size(); i++) {
      if (Float.isFinite(always.x(i)) && Float.isFinite(always.y(i))) {
        minX = Math.min(minX, always.x(i));
        maxX = Math.max(maxX, always.x(i));
        minY = Math.min(minY, always.y(i));
        maxY = Math.max(maxY, always.y(i));
      }
    }
    if (!(minX <= maxX) || !(minY <= maxY)) {
      return around(0, 0, 1);
    }
    // Keep a minimal size so that a cloud collapsed to a point still gets a sensible zoom.
    double span = Math.max(Math.max(maxX - minX, maxY - minY), 1e-6);
    double cx = (minX + maxX) / 2;
    double cy = (minY + maxY) / 2;
    double halfX = Math.max(maxX - minX, span * 0.05) / 2;
    double halfY = Math.max(maxY - minY, span * 0.05) / 2;
    return new WorldBox(cx - halfX, cx + halfX, cy - halfY, cy + halfY);
  }

  /** The smallest box holding both: the shared axes of planes compared. */
  public WorldBox union(WorldBox other) {
    return new WorldBox(
        Math.min(minX, other.minX),
        Math.max(maxX, other.maxX),
        Math.min(minY, other.minY),
        Math.max(maxY, other.maxY));
  }

  public ViewWindow fit(double width, double height, double paddingFraction) {
    return ViewWindow.fitting(minX, maxX, minY, maxY, width, height, paddingFraction);
  }

  private static double[] finite(Vec2List points, boolean x) {
    double[] values = new double[points.size()];
    int n = 0;
    for (int i = 0; i < points.size(); i++) {
      float vx = points.x(i);
      float vy = points.y(i);
      if (Float.isFinite(vx) && Float.isFinite(vy)) {
        values[n++] = x ? vx : vy;
      }
    }
    return Arrays.copyOf(values, n);
  }
}
