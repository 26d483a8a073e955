package lab.centerloss.plot;

import javafx.geometry.VPos;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * What the plane's drawing asks of a surface, in the canvas's own terms: a JavaFX canvas for the
 * window and the PNG exports ({@link FxPen}), a Java 2D graphics for SVG ({@link AwtPen}). One
 * drawing code for both, so that a vector figure shows what the screen shows.
 */
interface Pen {
  /** Keeps the colors, line and text settings, to be put back by {@link #restore()}. */
  void save();

  void restore();

  void setFill(Color color);

  void setStroke(Color color);

  void setLineWidth(double width);

  /** Dash and gap lengths; none for a solid line. */
  void setLineDashes(double... dashes);

  void setFont(Font font);

  void setTextAlign(TextAlignment align);

  /** Where the y of {@link #fillText} sits: the text's top, center, baseline or bottom. */
  void setTextBaseline(VPos baseline);

  /** The width this surface gives a label in a font. */
  double textWidth(String text, Font font);

  void fillRect(double x, double y, double w, double h);

  void strokeRect(double x, double y, double w, double h);

  /**
   * A rectangle with rounded corners; {@code arc} is the corners' width and height, as in JavaFX.
   */
  void fillRoundRect(double x, double y, double w, double h, double arc);

  void strokeRoundRect(double x, double y, double w, double h, double arc);

  void fillOval(double x, double y, double w, double h);

  void strokeOval(double x, double y, double w, double h);

  void strokeLine(double x0, double y0, double x1, double y1);

  void fillPolygon(double[] xs, double[] ys, int count);

  void strokePolygon(double[] xs, double[] ys, int count);

  /** An open line through the points. */
  void strokePolyline(double[] xs, double[] ys, int count);

  void fillText(String text, double x, double y);
}
