package lab.centerloss.plot;

import java.awt.Graphics2D;
import java.util.List;
import java.util.Optional;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import lab.centerloss.text.Messages;

/**
 * A plane's own cloud at its own scale, in a framed corner of a plane drawn on shared axes. Shared
 * axes keep the comparison honest (Wen et al. 2016, Fig. 3: one scale for every λ), but when one
 * run's cloud spans ±150 and another's ±2, the second is a dot and its shape (tight clusters far
 * apart, or not) cannot be seen. The inset shows that shape, named with its zoom factor ("own scale
 * ×34"), and a dashed box on the plane marks the part of it the inset enlarges.
 *
 * <p>{@link #place} decides (pure arithmetic, testable without a window); an instance draws, with a
 * {@link PlaneRenderer} of its own so that the plane's and the inset's pixel buffers, of different
 * sizes, are not made again every frame.
 */
public final class OwnScaleInset {
  /**
   * The inset appears when it would draw the cloud at least this many times larger than the shared
   * axes do: at less, the plane itself shows the shape well enough.
   */
  public static final double MIN_ZOOM = 2;

  /** The inset's height, as a fraction of the plane's shorter side. */
  static final double SIDE = 0.5;

  /** Its width at most this many times its height: clouds are about as wide as high. */
  static final double MAX_ASPECT = 1.3;

  /** And at most this fraction of the plane's width. */
  static final double MAX_WIDTH = 0.45;

  /** Below this many pixels high an inset shows nothing readable: none is drawn. */
  static final double MIN_HEIGHT = 70;

  /** Room between the inset and the plane's edges, in pixels. */
  static final double MARGIN = 6;

  /**
   * Where the inset goes on the plane and what it shows.
   *
   * @param left its left edge on the plane, in pixels
   * @param top its top edge
   * @param width its size in pixels
   * @param height its size in pixels
   * @param view the view inside it (its own origin at its top-left corner)
   * @param zoom how many times larger it draws than the plane: its scale over the plane's
   */
  public record Placement(
      double left, double top, double width, double height, ViewWindow view, double zoom) {

    /** The same place showing another view (the eased one), with its zoom made again. */
    public Placement withView(ViewWindow other, ViewWindow plane) {
      return new Placement(
          left, top, width, height, other, other.pixelsPerUnit() / plane.pixelsPerUnit());
    }
  }

  private final PlaneRenderer renderer = new PlaneRenderer();
  private final TextWidths widths = new TextWidths();

  /**
   * The inset for a cloud of extent {@code own} on a plane drawn with {@code plane}, or none when
   * the plane shows the cloud large enough ({@link #MIN_ZOOM}) or is too small to hold one. It goes
   * in the bottom-right corner, left of the legend if the legend reaches that low, or else in the
   * bottom-left corner if the cloud itself lies under the bottom-right one.
   *
   * @param legendWidth the width kept free at the plane's right edge from the top down to {@code
   *     legendBottom} (0: no legend)
   */
  public static Optional<Placement> place(
      WorldBox own,
      ViewWindow plane,
      double width,
      double height,
      double legendWidth,
      double legendBottom) {
    double h = SIDE * Math.min(width, height);
    double w = Math.min(MAX_ASPECT * h, MAX_WIDTH * width);
    if (h < MIN_HEIGHT || w < MIN_HEIGHT) {
      return Optional.empty();
    }
    ViewWindow inside = own.fit(w, h, PlaneScenes.PADDING);
    double zoom = inside.pixelsPerUnit() / plane.pixelsPerUnit();
    if (!(zoom >= MIN_ZOOM)) {
      return Optional.empty();
    }
    double top = height - MARGIN - h;
    double right = width - MARGIN - (top < legendBottom ? legendWidth + MARGIN : 0);
    // the cloud on the plane, as drawn: the inset must not hide the very dots it enlarges
    double cloudLeft = plane.toScreenX(own.minX(), width);
    double cloudRight = plane.toScreenX(own.maxX(), width);
    double cloudTop = plane.toScreenY(own.maxY(), height);
    double cloudBottom = plane.toScreenY(own.minY(), height);
    for (double left : List.of(right - w, MARGIN)) {
      boolean hides =
          cloudRight >= left && cloudLeft <= left + w && cloudBottom >= top && cloudTop <= top + h;
      if (!hides && left >= MARGIN) {
        return Optional.of(new Placement(left, top, w, h, inside, zoom));
      }
    }
    return Optional.of(new Placement(Math.max(MARGIN, right - w), top, w, h, inside, zoom));
  }

  /** {@link #place} on a plane drawn in this style, its legend shown or not. */
  public static Optional<Placement> place(
      WorldBox own,
      ViewWindow plane,
      double width,
      double height,
      PlaneStyle style,
      boolean legend) {
    return place(
        own,
        plane,
        width,
        height,
        legend ? legendWidth(style) : 0,
        legend ? legendBottom(style) : 0);
  }

  /** The legend's width with its margin ({@code PlaneOverlay.drawLegend}, ten digits). */
  static double legendWidth(PlaneStyle style) {
    return style.fontSize() * (3.6 + 0.6);
  }

  /** The legend's bottom edge: ten rows of 1.6 font sizes, and its padding. */
  static double legendBottom(PlaneStyle style) {
    return style.fontSize() * (0.6 + 1.6 * 10 + 0.6);
  }

  /**
   * The zoom factor as the label gives it: two significant digits, so that it does not flicker
   * while the view eases (×34, ×4.5, ×140).
   */
  static double shownZoom(double zoom) {
    if (!(zoom > 0) || !Double.isFinite(zoom)) {
      return zoom;
    }
    double power = Math.pow(10, Math.floor(Math.log10(zoom)) - 1);
    return Math.round(zoom / power) * power;
  }

  /** The inset's label: "own scale ×34". */
  public static String label(double zoom) {
    return Messages.text("plane.inset.ownScale", shownZoom(zoom));
  }

  /**
   * The inset's scene: the plane's points, centers and trails on the inset's view; its label is
   * drawn by {@link #drawLabel}, on a patch of its own.
   */
  static PlaneScene sceneFor(PlaneScene scene, Placement inset) {
    return scene
        .withView(inset.view())
        .withLegendAndCaption(false, "")
        .withRegions(null)
        .withDrawn(null)
        .withPair(null);
  }

  /**
   * The inset's sizes: markers a little smaller, centers much smaller (at the plane's size ten
   * centers would cover a small inset), text a little smaller but never below 10 px.
   */
  static PlaneStyle styleFor(PlaneStyle style) {
    return new PlaneStyle(
        style.dark(),
        style.pointRadius() * 0.85,
        style.centerRadius() * 0.6,
        Math.max(10, style.fontSize() * 0.85),
        style.lineWidth());
  }

  /**
   * Draws the inset on a canvas the plane was just drawn on: the dashed box on the plane, then the
   * inset, clipped to its frame. Call on the JavaFX thread.
   */
  public void render(
      GraphicsContext gc,
      PlaneScene scene,
      Placement inset,
      PlaneStyle style,
      double width,
      double height) {
    Pen pen = new FxPen(gc, widths);
    marker(pen, scene.view(), inset, style, width, height);
    gc.save();
    gc.translate(inset.left(), inset.top());
    gc.beginPath();
    gc.rect(0, 0, inset.width(), inset.height());
    gc.clip();
    renderer.render(gc, inset.width(), inset.height(), sceneFor(scene, inset), styleFor(style));
    drawLabel(pen, inset, styleFor(style));
    gc.restore();
    frame(pen, inset, style);
  }

  /** The same as {@link #render} as shapes, for SVG. Call on the JavaFX thread. */
  public void renderVector(
      Graphics2D g,
      PlaneScene scene,
      Placement inset,
      PlaneStyle style,
      double width,
      double height) {
    Pen pen = new AwtPen(g);
    marker(pen, scene.view(), inset, style, width, height);
    Graphics2D inside =
        (Graphics2D)
            g.create(
                (int) Math.round(inset.left()),
                (int) Math.round(inset.top()),
                (int) Math.round(inset.width()),
                (int) Math.round(inset.height()));
    renderer.renderVector(
        inside, inset.width(), inset.height(), sceneFor(scene, inset), styleFor(style));
    drawLabel(new AwtPen(inside), inset, styleFor(style));
    inside.dispose();
    frame(pen, inset, style);
  }

  /**
   * A dashed box on the plane around what the inset enlarges, so that the class sees which dot it
   * is; left out when what it enlarges is under a few pixels (the inset is then plainly of the only
   * dot there is), and never drawn smaller than a center's marker.
   */
  private static void marker(
      Pen pen, ViewWindow plane, Placement inset, PlaneStyle style, double width, double height) {
    ViewWindow in = inset.view();
    double left = plane.toScreenX(in.toWorldX(0, inset.width()), width);
    double right = plane.toScreenX(in.toWorldX(inset.width(), inset.width()), width);
    double top = plane.toScreenY(in.toWorldY(0, inset.height()), height);
    double bottom = plane.toScreenY(in.toWorldY(inset.height(), inset.height()), height);
    if (right - left < 4 || bottom - top < 4) {
      return;
    }
    // never smaller than a center's marker and a little room: the centers, drawn at the plane's
    // size, would hide a box around a cloud smaller than they are
    double least = 2 * style.centerRadius() + 8;
    double grow = Math.max(0, least - (right - left)) / 2;
    left -= grow;
    right += grow;
    grow = Math.max(0, least - (bottom - top)) / 2;
    top -= grow;
    bottom += grow;
    pen.save();
    pen.setStroke(style.foreground().deriveColor(0, 1, 1, 0.7));
    pen.setLineWidth(1);
    pen.setLineDashes(4, 3);
    pen.strokeRect(left, top, right - left, bottom - top);
    pen.restore();
  }

  /**
   * "own scale ×34" in the inset's top-left corner (its own coordinates), bold on a patch of the
   * background, so that it reads over the points and tick labels under it.
   */
  private static void drawLabel(Pen pen, Placement inset, PlaneStyle style) {
    String text = label(inset.zoom());
    Font font = Font.font(Fonts.family(), FontWeight.BOLD, style.fontSize());
    double pad = style.fontSize() * 0.3;
    double w = pen.textWidth(text, font);
    pen.save();
    pen.setFill(style.background().deriveColor(0, 1, 1, 0.9));
    pen.fillRect(0, 0, w + 2 * pad + 2, style.fontSize() * 1.3 + 2 * pad);
    pen.setFill(style.foreground());
    pen.setFont(font);
    pen.setTextAlign(TextAlignment.LEFT);
    pen.setTextBaseline(VPos.TOP);
    pen.fillText(text, pad + 2, pad + 1);
    pen.restore();
  }

  /** A thin frame, so that the inset reads as a picture of its own at another scale. */
  private static void frame(Pen pen, Placement inset, PlaneStyle style) {
    pen.save();
    pen.setStroke(style.foreground().deriveColor(0, 1, 1, 0.8));
    pen.setLineWidth(Math.max(1, style.lineWidth()));
    pen.strokeRect(inset.left() + 0.5, inset.top() + 0.5, inset.width() - 1, inset.height() - 1);
    pen.restore();
  }
}
