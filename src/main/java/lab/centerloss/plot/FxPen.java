package lab.centerloss.plot;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/** A {@link Pen} on a JavaFX canvas. Call on the JavaFX thread. */
final class FxPen implements Pen {
  private final GraphicsContext gc;
  private final TextWidths widths;

  /**
   * @param widths the labels' widths measured so far, kept from frame to frame by the caller
   */
  FxPen(GraphicsContext gc, TextWidths widths) {
    this.gc = gc;
    this.widths = widths;
  }

  @Override
  public void save() {
    gc.save();
  }

  @Override
  public void restore() {
    gc.restore();
  }

  @Override
  public void setFill(Color color) {
    gc.setFill(color);
  }

  @Override
  public void setStroke(Color color) {
    gc.setStroke(color);
  }

  @Override
  public void setLineWidth(double width) {
    gc.setLineWidth(width);
  }

  @Override
  public void setLineDashes(double... dashes) {
    gc.setLineDashes(dashes == null || dashes.length == 0 ? null : dashes);
  }

  @Override
  public void setFont(Font font) {
    gc.setFont(font);
  }

  @Override
  public void setTextAlign(TextAlignment align) {
    gc.setTextAlign(align);
  }

  @Override
  public void setTextBaseline(VPos baseline) {
    gc.setTextBaseline(baseline);
  }

  @Override
  public double textWidth(String text, Font font) {
    return widths.width(text, font);
  }

  @Override
  public void fillRect(double x, double y, double w, double h) {
    gc.fillRect(x, y, w, h);
  }

  @Override
  public void strokeRect(double x, double y, double w, double h) {
    gc.strokeRect(x, y, w, h);
  }

  @Override
  public void fillRoundRect(double x, double y, double w, double h, double arc) {
    gc.fillRoundRect(x, y, w, h, arc, arc);
  }

  @Override
  public void strokeRoundRect(double x, double y, double w, double h, double arc) {
    gc.strokeRoundRect(x, y, w, h, arc, arc);
  }

  @Override
  public void fillOval(double x, double y, double w, double h) {
    gc.fillOval(x, y, w, h);
  }

  @Override
  public void strokeOval(double x, double y, double w, double h) {
    gc.strokeOval(x, y, w, h);
  }

  @Override
  public void strokeLine(double x0, double y0, double x1, double y1) {
    gc.strokeLine(x0, y0, x1, y1);
  }

  @Override
  public void fillPolygon(double[] xs, double[] ys, int count) {
    gc.fillPolygon(xs, ys, count);
  }

  @Override
  public void strokePolygon(double[] xs, double[] ys, int count) {
    gc.strokePolygon(xs, ys, count);
  }

  @Override
  public void strokePolyline(double[] xs, double[] ys, int count) {
    gc.strokePolyline(xs, ys, count);
  }

  @Override
  public void fillText(String text, double x, double y) {
    gc.fillText(text, x, y);
  }
}
