package lab.centerloss.plot;

import java.util.function.DoubleUnaryOperator;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import lab.centerloss.text.Messages;
import lab.centerloss.train.HeadKind;

/**
 * Draws {@link TargetLogit} for theta in [0, pi]: the head in force bold, the other normalized
 * heads faint, a dashed line where ArcFace's fallback begins. Call on the JavaFX thread.
 */
public final class TargetLogitRenderer {
  private static final int SAMPLES = 180;

  public void render(
      GraphicsContext gc,
      double width,
      double height,
      HeadKind inForce,
      double s,
      double m,
      PlaneStyle style) {
    gc.save();
    gc.setFill(style.background());
    gc.fillRect(0, 0, width, height);
    double font = style.fontSize() * 0.85;
    double left = font * 3.6;
    double right = width - font * 0.8;
    double top = font * 1.2;
    double bottom = height - font * 2.6;
    if (right - left < 40 || bottom - top < 40) {
      gc.restore();
      return;
    }
    double yMax = s * 1.05;
    double yMin = -s * 2.05; // CosFace and ArcFace reach about -s (1 + m)
    DoubleUnaryOperator sx = theta -> left + (right - left) * theta / Math.PI;
    DoubleUnaryOperator sy = v -> bottom - (bottom - top) * (v - yMin) / (yMax - yMin);

    gc.setStroke(style.grid());
    gc.setLineWidth(1);
    gc.setFont(Font.font(Fonts.family(), font));
    gc.setFill(style.tickLabel());
    gc.setTextAlign(TextAlignment.CENTER);
    gc.setTextBaseline(VPos.TOP);
    for (int degrees = 0; degrees <= 180; degrees += 30) {
      double x = sx.applyAsDouble(Math.toRadians(degrees));
      gc.strokeLine(x, top, x, bottom);
      gc.fillText(degrees + "°", x, bottom + 3);
    }
    gc.setTextAlign(TextAlignment.RIGHT);
    gc.setTextBaseline(VPos.CENTER);
    for (double v : NiceTicks.ticks(yMin, yMax, 5)) {
      double y = sy.applyAsDouble(v);
      gc.strokeLine(left, y, right, y);
      gc.fillText(NiceTicks.label(v, NiceTicks.step(yMin, yMax, 5)), left - 4, y);
    }
    gc.setStroke(style.axis());
    gc.strokeLine(left, sy.applyAsDouble(0), right, sy.applyAsDouble(0));
    gc.setTextAlign(TextAlignment.CENTER);
    gc.setTextBaseline(VPos.BOTTOM);
    gc.setFill(style.foreground());
    gc.fillText(Messages.text("margin.axisTheta"), (left + right) / 2, height - 2);

    for (HeadKind head : TargetLogit.normalizedHeads()) {
      boolean bold = head == inForce || (inForce == HeadKind.SOFTMAX && head == HeadKind.NORMFACE);
      gc.setStroke(curveColor(head, style).deriveColor(0, 1, 1, bold ? 1 : 0.35));
      gc.setLineWidth(bold ? style.lineWidth() * 3 : style.lineWidth() * 1.5);
      gc.beginPath();
      for (int i = 0; i <= SAMPLES; i++) {
        double theta = Math.PI * i / SAMPLES;
        double x = sx.applyAsDouble(theta);
        double y = sy.applyAsDouble(TargetLogit.value(head, theta, s, m));
        if (i == 0) {
          gc.moveTo(x, y);
        } else {
          gc.lineTo(x, y);
        }
      }
      gc.stroke();
    }
    if (m > 0) {
      double x = sx.applyAsDouble(TargetLogit.arcFaceFallbackAngle(m));
      gc.setStroke(curveColor(HeadKind.ARCFACE, style).deriveColor(0, 1, 1, 0.7));
      gc.setLineWidth(1);
      gc.setLineDashes(4, 4);
      gc.strokeLine(x, top, x, bottom);
      gc.setLineDashes();
    }
    // the key sits low on the left, where no curve runs (they start high at theta = 0)
    drawKey(gc, left + font * 0.6, bottom - font * 1.4 * 3 - font * 0.4, font, inForce, style);
    gc.restore();
  }

  private static void drawKey(
      GraphicsContext gc, double x, double y, double font, HeadKind inForce, PlaneStyle style) {
    gc.setTextAlign(TextAlignment.LEFT);
    gc.setTextBaseline(VPos.CENTER);
    gc.setFont(Font.font(Fonts.family(), font));
    double row = font * 1.4;
    int i = 0;
    for (HeadKind head : TargetLogit.normalizedHeads()) {
      double cy = y + row * (i + 0.5);
      gc.setStroke(curveColor(head, style));
      gc.setLineWidth(head == inForce ? 3 : 1.5);
      gc.strokeLine(x, cy, x + font * 1.6, cy);
      gc.setFill(style.foreground());
      gc.fillText(Messages.text("margin.curve." + head.id()), x + font * 2.0, cy);
      i++;
    }
  }

  /** Three colors of the plane's palette, far apart for every common color vision. */
  static Color curveColor(HeadKind head, PlaneStyle style) {
    return switch (head) {
      case SOFTMAX, NORMFACE -> Palette.color(4, style.dark());
      case COSFACE -> Palette.color(2, style.dark());
      case ARCFACE -> Palette.color(0, style.dark());
    };
  }
}
