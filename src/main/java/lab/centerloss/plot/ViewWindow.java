package lab.centerloss.plot;

/**
 * The part of the feature plane on screen: a world-space center and a scale in pixels per world
 * unit, the same on both axes so that angles (which the margins are about) look true. Screen y
 * grows downwards, world y upwards.
 */
public record ViewWindow(double centerX, double centerY, double pixelsPerUnit) {
  public static final double MIN_PIXELS_PER_UNIT = 1e-4;
  public static final double MAX_PIXELS_PER_UNIT = 1e7;

  public ViewWindow {
    if (!(pixelsPerUnit > 0) || !Double.isFinite(centerX) || !Double.isFinite(centerY)) {
      throw new IllegalArgumentException(
          "not a view: " + centerX + ", " + centerY + ", " + pixelsPerUnit);
    }
  }

  public double toScreenX(double worldX, double width) {
    return width / 2 + (worldX - centerX) * pixelsPerUnit;
  }

  public double toScreenY(double worldY, double height) {
    return height / 2 - (worldY - centerY) * pixelsPerUnit;
  }

  public double toWorldX(double screenX, double width) {
    return centerX + (screenX - width / 2) / pixelsPerUnit;
  }

  public double toWorldY(double screenY, double height) {
    return centerY - (screenY - height / 2) / pixelsPerUnit;
  }

  /**
   * Zoom by {@code factor} (above 1: closer) keeping the world point under the screen point still.
   */
  public ViewWindow zoomAt(
      double factor, double screenX, double screenY, double width, double height) {
    double worldX = toWorldX(screenX, width);
    double worldY = toWorldY(screenY, height);
    double scale = clampScale(pixelsPerUnit * factor);
    // the fixed point stays at the same screen position
    double newCenterX = worldX - (screenX - width / 2) / scale;
    double newCenterY = worldY + (screenY - height / 2) / scale;
    return new ViewWindow(newCenterX, newCenterY, scale);
  }

  /** Move the view so that the content follows a drag of (dx, dy) pixels. */
  public ViewWindow panByPixels(double dx, double dy) {
    return new ViewWindow(
        centerX - dx / pixelsPerUnit, centerY + dy / pixelsPerUnit, pixelsPerUnit);
  }

  /**
   * The smallest view that shows the box [minX, maxX] x [minY, maxY] with {@code paddingFraction}
   * of room on each side, on a canvas of the given size.
   */
  public static ViewWindow fitting(
      double minX,
      double maxX,
      double minY,
      double maxY,
      double width,
      double height,
      double paddingFraction) {
    double spanX = Math.max(maxX - minX, 1e-9);
    double spanY = Math.max(maxY - minY, 1e-9);
    double usableWidth = width * (1 - 2 * paddingFraction);
    double usableHeight = height * (1 - 2 * paddingFraction);
    double scale = clampScale(Math.min(usableWidth / spanX, usableHeight / spanY));
    return new ViewWindow((minX + maxX) / 2, (minY + maxY) / 2, scale);
  }

  /**
   * One step of a smooth approach to {@code target}: the center moves a fraction of the way, the
   * scale the same fraction in log space, so a change of 1,000x in size looks as even as 2x.
   */
  public ViewWindow approach(ViewWindow target, double fraction) {
    // Within a hundredth of a pixel the view is where it goes: an approach that never quite
    // arrived (and exp(log(s)) need not give s back) would make every frame a new picture.
    double ratio = Math.abs(Math.log(target.pixelsPerUnit / pixelsPerUnit));
    if (fraction >= 1
        || Math.hypot(target.centerX - centerX, target.centerY - centerY) * pixelsPerUnit < 0.01
            && ratio < 1e-5) {
      return target;
    }
    double f = Math.max(0, Math.min(1, fraction));
    double logScale =
        Math.log(pixelsPerUnit) + f * (Math.log(target.pixelsPerUnit) - Math.log(pixelsPerUnit));
    return new ViewWindow(
        centerX + f * (target.centerX - centerX),
        centerY + f * (target.centerY - centerY),
        Math.exp(logScale));
  }

  /**
   * The fraction to approach by after {@code seconds}, for a time constant of {@code tau} seconds.
   */
  public static double easingFraction(double seconds, double tau) {
    return 1 - Math.exp(-Math.max(0, seconds) / tau);
  }

  private static double clampScale(double scale) {
    return Math.max(MIN_PIXELS_PER_UNIT, Math.min(MAX_PIXELS_PER_UNIT, scale));
  }
}
