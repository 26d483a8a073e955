package lab.centerloss.plot;

import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import lab.centerloss.data.MnistDataSet;
import lab.centerloss.text.Messages;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.Vec2List;

/**
 * What the plane draws over its markers, the same on every surface ({@link Pen}): the axes with
 * their tick labels, the centers' trails, the step-through's lines and arrows, the ten centers, the
 * drawn digit, the legend and the caption.
 */
final class PlaneOverlay {
  private PlaneOverlay() {}

  /**
   * Everything drawn over the markers: axes, trails, the step's marks, centers, legend and caption.
   */
  static void draw(
      Pen pen, double width, double height, PlaneScene scene, PlaneStyle style, double step) {
    drawAxes(
        pen,
        width,
        height,
        scene.view(),
        step,
        style,
        scene.caption().isEmpty() ? 0 : style.fontSize() * (0.6 + 1.4 * lines(scene.caption())));
    drawTrails(pen, width, height, scene, style);
    drawMarks(pen, width, height, scene, style, false);
    drawCenters(pen, width, height, scene, style);
    drawMarks(
        pen, width, height, scene, style, true); // moves on top, or the centers would hide them
    if (scene.drawn() != null) {
      drawDrawn(pen, width, height, scene.view(), scene.drawn(), style);
    }
    if (scene.pair() != null) {
      drawPair(pen, width, height, scene.view(), scene.pair(), style);
    }
    if (scene.showLegend()) {
      drawLegend(
          pen,
          width,
          style,
          scene.knownDigits(),
          contains(scene.testLabels(), MnistDataSet.OTHER_DATA));
    }
    if (!scene.caption().isEmpty()) {
      pen.setFont(Font.font(Fonts.family(), style.fontSize()));
      pen.setFill(style.foreground());
      pen.setTextAlign(TextAlignment.LEFT);
      pen.setTextBaseline(VPos.TOP);
      String[] lines = scene.caption().split("\n");
      for (int i = 0; i < lines.length; i++) {
        pen.fillText(lines[i], style.fontSize() * 0.8, style.fontSize() * (0.6 + 1.4 * i));
      }
    }
  }

  /** The caption's lines: a projected plane's has a second, the projection note. */
  private static int lines(String caption) {
    return caption.split("\n").length;
  }

  /**
   * @param top room kept free at the top (the caption's): tick labels of an axis above the view go
   *     below it
   */
  private static void drawAxes(
      Pen pen,
      double width,
      double height,
      ViewWindow view,
      double step,
      PlaneStyle style,
      double top) {
    List<Double> xs =
        NiceTicks.ticksWithStep(view.toWorldX(0, width), view.toWorldX(width, width), step);
    List<Double> ys =
        NiceTicks.ticksWithStep(view.toWorldY(height, height), view.toWorldY(0, height), step);
    double axisY = clamp(view.toScreenY(0, height), top, height - style.fontSize() * 1.4);
    double axisX = clamp(view.toScreenX(0, width), style.fontSize() * 3.2, width);
    pen.setStroke(style.axis());
    pen.setLineWidth(style.lineWidth());
    pen.strokeLine(0, view.toScreenY(0, height), width, view.toScreenY(0, height));
    pen.strokeLine(view.toScreenX(0, width), 0, view.toScreenX(0, width), height);
    Font font = Font.font(Fonts.family(), style.fontSize() * 0.85);
    pen.setFont(font);
    double textHeight = font.getSize() * 1.25;
    for (double x : xs) {
      if (Math.abs(x) > step * 1e-6) {
        String label = NiceTicks.label(x, step);
        double w = pen.textWidth(label, font);
        tickLabel(pen, label, view.toScreenX(x, width) - w / 2, axisY + 3, w, textHeight, style);
      }
    }
    for (double y : ys) {
      if (Math.abs(y) > step * 1e-6) {
        String label = NiceTicks.label(y, step);
        double w = pen.textWidth(label, font);
        tickLabel(
            pen,
            label,
            axisX - 4 - w,
            view.toScreenY(y, height) - textHeight / 2,
            w,
            textHeight,
            style);
      }
    }
  }

  /**
   * A tick label on a patch of the background, so that it stays readable where a dense cloud of
   * markers lies under the axis.
   */
  private static void tickLabel(
      Pen pen, String label, double left, double top, double w, double h, PlaneStyle style) {
    pen.setFill(style.background().deriveColor(0, 1, 1, 0.85));
    pen.fillRect(left - 2, top, w + 4, h);
    pen.setFill(style.tickLabel());
    pen.setTextAlign(TextAlignment.LEFT);
    pen.setTextBaseline(VPos.CENTER);
    pen.fillText(label, left, top + h / 2);
  }

  private static void drawTrails(
      Pen pen, double width, double height, PlaneScene scene, PlaneStyle style) {
    pen.setLineWidth(style.lineWidth() * 1.5);
    for (int j = 0; j < scene.trails().size(); j++) {
      Vec2List trail = scene.trails().get(j);
      if (trail.size() < 2) {
        continue;
      }
      pen.setStroke(Palette.color(scene.centerDigit(j), style.dark()).deriveColor(0, 1, 1, 0.7));
      double[] xs = new double[trail.size()];
      double[] ys = new double[trail.size()];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = scene.view().toScreenX(trail.x(i), width);
        ys[i] = scene.view().toScreenY(trail.y(i), height);
      }
      pen.strokePolyline(xs, ys, xs.length);
    }
  }

  private static void drawMarks(
      Pen pen, double width, double height, PlaneScene scene, PlaneStyle style, boolean moves) {
    ViewWindow view = scene.view();
    for (PlaneScene.Mark mark : scene.marks()) {
      if ((mark.kind() == PlaneScene.Mark.Kind.ARROW) != moves) {
        continue;
      }
      double x0 = view.toScreenX(mark.fromX(), width);
      double y0 = view.toScreenY(mark.fromY(), height);
      double x1 = view.toScreenX(mark.toX(), width);
      double y1 = view.toScreenY(mark.toY(), height);
      Color color = Palette.color(mark.digit(), style.dark());
      switch (mark.kind()) {
        case LINE -> {
          pen.setStroke(color.deriveColor(0, 1, 1, 0.55));
          pen.setLineWidth(style.lineWidth());
          pen.strokeLine(x0, y0, x1, y1);
        }
        case ARROW ->
            arrow(
                pen,
                x0,
                y0,
                x1,
                y1,
                style.dark() ? Color.WHITE : Color.BLACK,
                style.lineWidth() * 3.5,
                style.centerRadius() * 0.9);
        case FORCE ->
            arrow(
                pen,
                x0,
                y0,
                x1,
                y1,
                color.deriveColor(0, 1, 1.2, 0.9),
                style.lineWidth() * 1.5,
                style.pointRadius() * 2.2);
      }
      if (mark.kind() == PlaneScene.Mark.Kind.ARROW) {
        arrow(pen, x0, y0, x1, y1, color, style.lineWidth() * 2, style.centerRadius() * 0.8);
      }
    }
  }

  /**
   * The pad's digit: a dashed line to the nearest center, a large ring (filled in the predicted
   * digit's color when accepted, hollow and grey with a cross when rejected) and its label on a
   * plate, so that it reads over any cloud.
   */
  /**
   * A picked pair as its score sees it: for the cosine, the two rays from the origin and the arc of
   * the angle between them (the cosine is that angle's); for the distance, the segment between the
   * two features. Solid when the threshold says "same", dashed when it says "different". For a
   * projection of larger features neither the angle nor the length on the plane is the score's, so
   * the two are only linked by a line and the label says the value.
   */
  private static void drawPair(
      Pen pen, double width, double height, ViewWindow view, PlaneScene.Pair p, PlaneStyle style) {
    double x1 = view.toScreenX(p.firstX(), width);
    double y1 = view.toScreenY(p.firstY(), height);
    double x2 = view.toScreenX(p.secondX(), width);
    double y2 = view.toScreenY(p.secondY(), height);
    pen.setStroke(style.foreground());
    pen.setLineWidth(style.lineWidth() * 2.5);
    if (!p.same()) {
      pen.setLineDashes(style.lineWidth() * 6, style.lineWidth() * 4);
    }
    double labelX;
    double labelY;
    if (p.cosine() && !p.projected()) {
      double ox = view.toScreenX(0, width);
      double oy = view.toScreenY(0, height);
      pen.strokeLine(ox, oy, x1, y1);
      pen.strokeLine(ox, oy, x2, y2);
      // the arc at a radius a little inside the nearer point, through the smaller angle
      double a1 = Math.atan2(y1 - oy, x1 - ox);
      double a2 = Math.atan2(y2 - oy, x2 - ox);
      double sweep = Math.IEEEremainder(a2 - a1, 2 * Math.PI);
      double radius =
          Math.max(12, 0.6 * Math.min(Math.hypot(x1 - ox, y1 - oy), Math.hypot(x2 - ox, y2 - oy)));
      int n = 33;
      double[] xs = new double[n];
      double[] ys = new double[n];
      for (int i = 0; i < n; i++) {
        double a = a1 + sweep * i / (n - 1);
        xs[i] = ox + radius * Math.cos(a);
        ys[i] = oy + radius * Math.sin(a);
      }
      pen.strokePolyline(xs, ys, n);
      labelX = xs[n / 2];
      labelY = ys[n / 2];
    } else {
      pen.strokeLine(x1, y1, x2, y2);
      labelX = (x1 + x2) / 2;
      labelY = (y1 + y2) / 2;
    }
    pen.setLineDashes();
    double r = style.centerRadius() * 0.9;
    for (double[] at : new double[][] {{x1, y1}, {x2, y2}}) {
      pen.setStroke(style.background());
      pen.setLineWidth(style.lineWidth() * 5);
      pen.strokeOval(at[0] - r, at[1] - r, 2 * r, 2 * r);
      pen.setStroke(style.foreground());
      pen.setLineWidth(style.lineWidth() * 2.5);
      pen.strokeOval(at[0] - r, at[1] - r, 2 * r, 2 * r);
    }
    if (p.label().isEmpty()) {
      return;
    }
    Font font = Font.font(Fonts.family(), FontWeight.BOLD, style.fontSize());
    pen.setFont(font);
    double textWidth = pen.textWidth(p.label(), font);
    double plateX =
        Math.max(
            0, Math.min(labelX + style.fontSize() * 0.6, width - textWidth - style.fontSize()));
    double plateY =
        Math.max(0, Math.min(labelY - style.fontSize() * 0.8, height - style.fontSize() * 1.6));
    pen.setFill(style.background().deriveColor(0, 1, 1, 0.85));
    pen.fillRoundRect(
        plateX, plateY, textWidth + style.fontSize() * 0.8, style.fontSize() * 1.6, 6);
    pen.setFill(style.foreground());
    pen.setTextAlign(TextAlignment.LEFT);
    pen.setTextBaseline(VPos.CENTER);
    pen.fillText(p.label(), plateX + style.fontSize() * 0.4, plateY + style.fontSize() * 0.8);
  }

  private static void drawDrawn(
      Pen pen, double width, double height, ViewWindow view, PlaneScene.Drawn d, PlaneStyle style) {
    double x = view.toScreenX(d.x(), width);
    double y = view.toScreenY(d.y(), height);
    double cx = view.toScreenX(d.nearestX(), width);
    double cy = view.toScreenY(d.nearestY(), height);
    Color ink = style.foreground();
    pen.setStroke(ink);
    pen.setLineWidth(style.lineWidth() * 2);
    pen.setLineDashes(style.lineWidth() * 6, style.lineWidth() * 4);
    pen.strokeLine(x, y, cx, cy);
    pen.setLineDashes();
    double r = style.centerRadius() * 1.2;
    boolean rejected = Boolean.FALSE.equals(d.accepted());
    if (!rejected) {
      pen.setFill(Palette.color(d.predictedDigit(), style.dark()));
      pen.fillOval(x - r * 0.55, y - r * 0.55, r * 1.1, r * 1.1);
    }
    pen.setStroke(style.background());
    pen.setLineWidth(style.lineWidth() * 6);
    pen.strokeOval(x - r, y - r, 2 * r, 2 * r);
    pen.setStroke(rejected ? style.unknown() : ink);
    pen.setLineWidth(style.lineWidth() * 3);
    pen.strokeOval(x - r, y - r, 2 * r, 2 * r);
    if (rejected) {
      double k = r * 0.5;
      pen.strokeLine(x - k, y - k, x + k, y + k);
      pen.strokeLine(x - k, y + k, x + k, y - k);
    }
    if (d.label().isEmpty()) {
      return;
    }
    Font font = Font.font(Fonts.family(), FontWeight.BOLD, style.fontSize());
    pen.setFont(font);
    double textWidth = pen.textWidth(d.label(), font);
    double plateX = Math.min(x + r * 1.3, width - textWidth - style.fontSize());
    double plateY = y - style.fontSize() * 0.8;
    pen.setFill(style.background().deriveColor(0, 1, 1, 0.85));
    pen.fillRoundRect(
        plateX, plateY, textWidth + style.fontSize() * 0.8, style.fontSize() * 1.6, 6);
    pen.setFill(rejected ? style.unknown() : ink);
    pen.setTextAlign(TextAlignment.LEFT);
    pen.setTextBaseline(VPos.CENTER);
    pen.fillText(d.label(), plateX + style.fontSize() * 0.4, y);
  }

  /** A line with a filled head at (x1, y1); nothing for a move shorter than a pixel. */
  private static void arrow(
      Pen pen, double x0, double y0, double x1, double y1, Color color, double width, double head) {
    double length = Math.hypot(x1 - x0, y1 - y0);
    if (length < 1) {
      return;
    }
    double ux = (x1 - x0) / length;
    double uy = (y1 - y0) / length;
    double h = Math.min(head, length * 0.6);
    pen.setStroke(color);
    pen.setFill(color);
    pen.setLineWidth(width);
    pen.strokeLine(x0, y0, x1 - ux * h * 0.7, y1 - uy * h * 0.7);
    pen.fillPolygon(
        new double[] {x1, x1 - ux * h - uy * h * 0.5, x1 - ux * h + uy * h * 0.5},
        new double[] {y1, y1 - uy * h + ux * h * 0.5, y1 - uy * h - ux * h * 0.5},
        3);
  }

  private static void drawCenters(
      Pen pen, double width, double height, PlaneScene scene, PlaneStyle style) {
    Vec2List centers = scene.centers();
    double r = style.centerRadius();
    pen.setFont(Font.font(Fonts.family(), FontWeight.BOLD, r * 1.15));
    pen.setTextAlign(TextAlignment.CENTER);
    pen.setTextBaseline(VPos.CENTER);
    for (int j = 0; j < centers.size(); j++) {
      double sx = scene.view().toScreenX(centers.x(j), width);
      double sy = scene.view().toScreenY(centers.y(j), height);
      boolean selected = j == scene.selectedClass();
      double radius = selected ? r * 1.35 : r;
      int digit = scene.centerDigit(j);
      pen.setFill(Palette.color(digit, style.dark()));
      pen.fillOval(sx - radius, sy - radius, 2 * radius, 2 * radius);
      pen.setLineWidth(selected ? style.lineWidth() * 3 : style.lineWidth() * 2);
      pen.setStroke(style.dark() ? Color.WHITE : Color.BLACK);
      pen.strokeOval(sx - radius, sy - radius, 2 * radius, 2 * radius);
      pen.setFill(textOn(Palette.color(digit, style.dark())));
      pen.fillText(Integer.toString(digit), sx, sy + 0.5);
    }
  }

  private static boolean contains(IntVector labels, int label) {
    for (int i = 0; i < labels.size(); i++) {
      if (labels.get(i) == label) {
        return true;
      }
    }
    return false;
  }

  /**
   * @param otherData whether another data set's unknowns are shown: a row of their own
   */
  private static void drawLegend(
      Pen pen, double width, PlaneStyle style, int knownDigits, boolean otherData) {
    double row = style.fontSize() * 1.6;
    String otherLabel = otherData ? Messages.text("plane.otherData") : "";
    Font font = Font.font(Fonts.family(), FontWeight.BOLD, style.fontSize());
    double boxWidth =
        Math.max(
            style.fontSize() * 3.6,
            otherData ? style.fontSize() * 2.6 + pen.textWidth(otherLabel, font) : 0);
    int rows = otherData ? 11 : 10;
    double x = width - boxWidth - style.fontSize() * 0.6;
    double y = style.fontSize() * 0.6;
    pen.setFill(style.background().deriveColor(0, 1, 1, 0.85));
    pen.fillRoundRect(x, y, boxWidth, row * rows + style.fontSize() * 0.6, 8);
    pen.setStroke(style.axis());
    pen.setLineWidth(1);
    pen.strokeRoundRect(x, y, boxWidth, row * rows + style.fontSize() * 0.6, 8);
    pen.setFont(Font.font(Fonts.family(), FontWeight.BOLD, style.fontSize()));
    pen.setTextAlign(TextAlignment.LEFT);
    pen.setTextBaseline(VPos.CENTER);
    for (int j = 0; j < 10; j++) {
      double cy = y + style.fontSize() * 0.3 + row * (j + 0.5);
      double cx = x + style.fontSize() * 1.1;
      boolean known = (knownDigits & (1 << j)) != 0;
      if (known) {
        PlaneRenderer.drawMarker(pen, cx, cy, style.fontSize() * 0.5, j, style, 1.0);
      } else {
        PlaneRenderer.drawHollowMarker(pen, cx, cy, style.fontSize() * 0.5, j, style);
      }
      pen.setFill(known ? style.foreground() : style.unknown());
      pen.fillText(known ? Integer.toString(j) : j + "?", cx + style.fontSize() * 0.9, cy);
    }
    if (otherData) {
      double cy = y + style.fontSize() * 0.3 + row * 10.5;
      double cx = x + style.fontSize() * 1.1;
      PlaneRenderer.drawHollowMarker(
          pen, cx, cy, style.fontSize() * 0.5, MnistDataSet.OTHER_DATA, style);
      pen.setFill(style.unknown());
      pen.fillText(otherLabel, cx + style.fontSize() * 0.9, cy);
    }
  }

  static Color textOn(Color background) {
    double luminance =
        0.2126 * background.getRed()
            + 0.7152 * background.getGreen()
            + 0.0722 * background.getBlue();
    return luminance > 0.5 ? Color.BLACK : Color.WHITE;
  }

  private static double clamp(double v, double min, double max) {
    return Math.max(min, Math.min(max, v));
  }
}
