package lab.centerloss.ui.openset;

import java.util.Arrays;
import lab.centerloss.data.DigitPreparation;

/**
 * The pad's ink: a square of {@link #SIDE} x {@link #SIDE} coverages, 0 (paper) to 1, drawn with a
 * round pen. Positions are given as shares of the pad's side, so the pad can be any size on screen.
 */
final class PadInk {
  /** The ink is kept at four times MNIST's resolution: fine enough for a smooth stroke. */
  static final int SIDE = 4 * DigitPreparation.FIELD;

  /**
   * The pen's radius, as a share of the pad's side. A digit drawn over most of the pad then has
   * strokes of about 2.5 pixels in the 20-pixel box, as MNIST's have.
   */
  static final double PEN_RADIUS = 0.045;

  private final float[] ink = new float[SIDE * SIDE];
  private final Runnable changed;
  private double lastX = Double.NaN;
  private double lastY = Double.NaN;

  /**
   * @param changed told after every change of the ink
   */
  PadInk(Runnable changed) {
    this.changed = changed;
  }

  /** Puts the pen down at (x, y), each in [0, 1] of the pad's side. */
  void penDown(double x, double y) {
    lastX = x;
    lastY = y;
    stroke(x, y, x, y);
  }

  /** Draws a line from where the pen was to (x, y); a pen that was up is put down there. */
  void penTo(double x, double y) {
    if (Double.isNaN(lastX)) {
      penDown(x, y);
      return;
    }
    stroke(lastX, lastY, x, y);
    lastX = x;
    lastY = y;
  }

  void penUp() {
    lastX = Double.NaN;
    lastY = Double.NaN;
  }

  void clear() {
    Arrays.fill(ink, 0);
    penUp();
    changed.run();
  }

  /**
   * Lays a round pen along the segment: each pixel takes the share of it the pen covers (its
   * centre's distance to the segment against the radius, one pixel of soft edge), and ink only ever
   * grows.
   */
  private void stroke(double x0, double y0, double x1, double y1) {
    double radius = PEN_RADIUS * SIDE;
    double ax = x0 * SIDE;
    double ay = y0 * SIDE;
    double bx = x1 * SIDE;
    double by = y1 * SIDE;
    int left = Math.max(0, (int) Math.floor(Math.min(ax, bx) - radius - 1));
    int right = Math.min(SIDE - 1, (int) Math.ceil(Math.max(ax, bx) + radius + 1));
    int top = Math.max(0, (int) Math.floor(Math.min(ay, by) - radius - 1));
    int bottom = Math.min(SIDE - 1, (int) Math.ceil(Math.max(ay, by) + radius + 1));
    double dx = bx - ax;
    double dy = by - ay;
    double lengthSquared = dx * dx + dy * dy;
    for (int py = top; py <= bottom; py++) {
      for (int px = left; px <= right; px++) {
        double cx = px + 0.5;
        double cy = py + 0.5;
        double t =
            lengthSquared == 0
                ? 0
                : Math.max(0, Math.min(1, ((cx - ax) * dx + (cy - ay) * dy) / lengthSquared));
        double distance = Math.hypot(cx - (ax + t * dx), cy - (ay + t * dy));
        float cover = (float) Math.max(0, Math.min(1, radius + 0.5 - distance));
        int i = py * SIDE + px;
        ink[i] = Math.max(ink[i], cover);
      }
    }
    changed.run();
  }

  /**
   * The coverages, row by row; the array itself, for reading at once (a copy is {@link #copy()}).
   */
  float[] coverage() {
    return ink;
  }

  float[] copy() {
    return ink.clone();
  }
}
