package lab.centerloss.plot;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.shape.ArcType;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.Vec2List;

/**
 * The features of a normalized head on the unit circle: each feature drawn at its angle (the head
 * ignores its length), each class weight direction W_j as a spoke, and between neighbouring classes
 * the wedge that the margin m leaves to neither ({@link MarginGeometry}).
 */
public final class AngleRenderer {

  public void render(
      GraphicsContext gc, double width, double height, AngleScene scene, PlaneStyle style) {
    gc.save();
    gc.setFill(style.background());
    gc.fillRect(0, 0, width, height);
    double cx = width / 2;
    double cy = height / 2;
    double radius = Math.min(width, height) / 2 - style.fontSize() * 3.2;
    if (radius <= 10) {
      gc.restore();
      return;
    }
    double[] angles = new double[scene.classWeights().size()];
    for (int j = 0; j < angles.length; j++) {
      angles[j] = Math.atan2(scene.classWeights().y(j), scene.classWeights().x(j));
    }
    if (scene.head().usesMargin()) {
      for (MarginGeometry.Wedge wedge :
          MarginGeometry.wedges(angles, scene.head(), scene.margin())) {
        gc.setFill(
            wedge.unreachable()
                ? style.foreground().deriveColor(0, 1, 1, 0.16)
                : style.foreground().deriveColor(0, 1, 1, 0.09));
        // JavaFX arcs run counter-clockwise on screen from the +x axis, as our world angles do.
        gc.fillArc(
            cx - radius * 1.12,
            cy - radius * 1.12,
            radius * 2.24,
            radius * 2.24,
            Math.toDegrees(wedge.fromAngle()),
            Math.toDegrees(wedge.width()),
            ArcType.ROUND);
      }
    }
    gc.setStroke(style.axis());
    gc.setLineWidth(style.lineWidth());
    gc.strokeOval(cx - radius, cy - radius, 2 * radius, 2 * radius);

    drawOnCircle(
        gc,
        cx,
        cy,
        radius,
        scene.testPoints(),
        scene.testLabels(),
        style,
        0.55,
        0.82,
        scene.knownDigits());
    drawOnCircle(
        gc,
        cx,
        cy,
        radius,
        scene.trainPoints(),
        scene.trainLabels(),
        style,
        1.0,
        0.92,
        scene.knownDigits());

    gc.setFont(Font.font(Fonts.family(), FontWeight.BOLD, style.fontSize() * 1.1));
    gc.setTextAlign(TextAlignment.CENTER);
    gc.setTextBaseline(VPos.CENTER);
    for (int j = 0; j < angles.length; j++) {
      double dx = Math.cos(angles[j]);
      double dy = -Math.sin(angles[j]);
      boolean selected = j == scene.selectedClass();
      int digit = scene.classDigit(j);
      gc.setStroke(Palette.color(digit, style.dark()));
      gc.setLineWidth(style.lineWidth() * (selected ? 4 : 2.5));
      gc.strokeLine(cx, cy, cx + dx * radius * 1.12, cy + dy * radius * 1.12);
      gc.setFill(Palette.color(digit, style.dark()));
      gc.fillText(
          Integer.toString(digit),
          cx + dx * (radius * 1.12 + style.fontSize() * 1.2),
          cy + dy * (radius * 1.12 + style.fontSize() * 1.2));
    }
    gc.restore();
  }

  /**
   * Features at their angle, spread a little in radius by index so that dense angles show as bands.
   */
  private static void drawOnCircle(
      GraphicsContext gc,
      double cx,
      double cy,
      double radius,
      Vec2List points,
      IntVector labels,
      PlaneStyle style,
      double opacity,
      double innerRadius,
      int knownDigits) {
    double size = style.pointRadius() * 0.9;
    for (int i = 0; i < points.size(); i++) {
      double angle = Math.atan2(points.y(i), points.x(i));
      double r = radius * (innerRadius + (1 - innerRadius) * ((i * 0.618034) % 1.0));
      double px = cx + r * Math.cos(angle);
      double py = cy - r * Math.sin(angle);
      int digit = labels.get(i);
      gc.setFill(
          ((knownDigits & (1 << digit)) != 0 ? Palette.color(digit, style.dark()) : style.unknown())
              .deriveColor(0, 1, 1, opacity));
      gc.fillRect(px - size / 2, py - size / 2, size, size);
    }
  }
}
