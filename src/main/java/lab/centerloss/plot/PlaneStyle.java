package lab.centerloss.plot;

import javafx.scene.paint.Color;

/**
 * How the plane looks: the normal theme for a laptop screen, and a presentation theme (larger
 * markers and text, stronger contrast) for a projector.
 */
public record PlaneStyle(
    boolean dark, double pointRadius, double centerRadius, double fontSize, double lineWidth) {
  public static PlaneStyle normal() {
    return new PlaneStyle(true, 3.0, 11, 12, 1.0);
  }

  public static PlaneStyle presentation() {
    return new PlaneStyle(true, 4.5, 16, 20, 2.0);
  }

  /** The same sizes on a dark background or on white (the projector theme). */
  public PlaneStyle withDark(boolean onDark) {
    return new PlaneStyle(onDark, pointRadius, centerRadius, fontSize, lineWidth);
  }

  /**
   * The same style grown for an export of another size, so a 1920x1080 frame reads like the screen.
   */
  public PlaneStyle scaledBy(double factor) {
    return new PlaneStyle(
        dark, pointRadius * factor, centerRadius * factor, fontSize * factor, lineWidth * factor);
  }

  public Color background() {
    return dark ? Color.web("#15181d") : Color.WHITE;
  }

  public Color foreground() {
    return dark ? Color.web("#e8e8e8") : Color.web("#202020");
  }

  public Color grid() {
    return dark ? Color.web("#2a2f37") : Color.web("#e4e4e4");
  }

  public Color axis() {
    return dark ? Color.web("#59616d") : Color.web("#9a9a9a");
  }

  /** The open set's unknown digits: a grey that stays readable on the background. */
  public Color unknown() {
    return dark ? Color.web("#b0b0b0") : Color.web("#5f5f5f");
  }

  /**
   * Tick labels: brighter than the axis lines, about 7:1 against the background, for a projector.
   */
  public Color tickLabel() {
    return dark ? Color.web("#a0a8b4") : Color.web("#555555");
  }
}
