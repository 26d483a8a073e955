package lab.centerloss.plot;

import java.awt.Graphics2D;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import lab.centerloss.data.MnistDataSet;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.OpenSetScores;
import lab.centerloss.train.Vec2List;

/**
 * Draws the feature plane: the grid, the open-set regions, and test and batch features as colored
 * markers (one shape per digit), then {@link PlaneOverlay} on top (axes, trails, centers, legend,
 * caption). Used by the window and by every export, so that exports look exactly like the screen:
 * as pixels ({@link #render}) or as shapes for SVG ({@link #renderVector}). Call on the JavaFX
 * thread.
 */
public final class PlaneRenderer {
  /** Digits 0-9 filled; 10 + d the same shapes grey and hollow; 20 another data set's unknowns. */
  private final Image[] testSprites = new Image[21];

  private final Image[] trainSprites = new Image[10];
  private final Image[] ghostSprites = new Image[10];
  private PlaneStyle spriteStyle;
  private PointLayer.Sprites testPixels;
  private PointLayer.Sprites trainPixels;
  private PointLayer.Sprites ghostPixels;
  private final PointLayer points = new PointLayer();
  private final TextWidths tickLabelWidths = new TextWidths();

  /** Gets the JIT to compile the hot drawing code; see {@link PointLayer#warmUp()}. Any thread. */
  public static void warmUp() {
    PointLayer.warmUp();
  }

  public void render(
      GraphicsContext gc, double width, double height, PlaneScene scene, PlaneStyle style) {
    ensureSprites(style);
    Pen pen = new FxPen(gc, tickLabelWidths);
    pen.save();
    // Background, grid and markers are blended into one opaque image: a single draw call.
    ViewWindow view = scene.view();
    double step = gridStep(view, width, style);
    points.begin((int) Math.ceil(width), (int) Math.ceil(height), argb(style.background()));
    int grid = argb(style.grid());
    for (double x :
        NiceTicks.ticksWithStep(view.toWorldX(0, width), view.toWorldX(width, width), step)) {
      points.verticalLine(view.toScreenX(x, width), grid);
    }
    for (double y :
        NiceTicks.ticksWithStep(view.toWorldY(height, height), view.toWorldY(0, height), step)) {
      points.horizontalLine(view.toScreenY(y, height), grid);
    }
    if (scene.regions() != null) {
      int[][] argb = new int[2][10]; // by accepted, digit: a lookup, as the cells are many
      for (int d = 0; d < 10; d++) {
        argb[0][d] = premultiplied(Palette.color(d, style.dark()), REJECTED_OPACITY);
        argb[1][d] = premultiplied(Palette.color(d, style.dark()), ACCEPTED_OPACITY);
      }
      shadeRegions(
          view,
          scene.regions(),
          points.width(),
          points.height(),
          (x, y, digit, accepted) ->
              points.fillCell(x, y, REGION_CELL, argb[accepted ? 1 : 0][digit]));
    }
    points.add(view, scene.ghostPoints(), scene.ghostLabels(), ghostPixels);
    points.add(view, scene.testPoints(), scene.testLabels(), testPixels, scene.knownDigits());
    points.add(view, scene.trainPoints(), scene.trainLabels(), trainPixels);
    points.draw(gc);
    PlaneOverlay.draw(pen, width, height, scene, style, step);
    pen.restore();
  }

  /**
   * The same picture as {@link #render} with every marker a shape of its own instead of pixels in
   * an image, for a vector file (SVG) that stays sharp at any size on a slide. Call on the JavaFX
   * thread (the fonts are JavaFX's).
   */
  public void renderVector(
      Graphics2D g, double width, double height, PlaneScene scene, PlaneStyle style) {
    Pen pen = new AwtPen(g);
    pen.save();
    ViewWindow view = scene.view();
    double step = gridStep(view, width, style);
    pen.setFill(style.background());
    pen.fillRect(0, 0, width, height);
    pen.setStroke(style.grid());
    pen.setLineWidth(1);
    for (double x :
        NiceTicks.ticksWithStep(view.toWorldX(0, width), view.toWorldX(width, width), step)) {
      double sx =
          Math.floor(view.toScreenX(x, width)) + 0.5; // the pixel column the raster grid fills
      pen.strokeLine(sx, 0, sx, height);
    }
    for (double y :
        NiceTicks.ticksWithStep(view.toWorldY(height, height), view.toWorldY(0, height), step)) {
      double sy = Math.floor(view.toScreenY(y, height)) + 0.5;
      pen.strokeLine(0, sy, width, sy);
    }
    if (scene.regions() != null) {
      shadeRegions(
          view,
          scene.regions(),
          (int) Math.ceil(width),
          (int) Math.ceil(height),
          (x, y, digit, accepted) -> {
            pen.setFill(
                Palette.color(digit, style.dark())
                    .deriveColor(0, 1, 1, accepted ? ACCEPTED_OPACITY : REJECTED_OPACITY));
            pen.fillRect(x, y, REGION_CELL, REGION_CELL);
          });
    }
    markers(pen, width, height, view, scene.ghostPoints(), scene.ghostLabels(), ~0, GHOST, style);
    markers(
        pen,
        width,
        height,
        view,
        scene.testPoints(),
        scene.testLabels(),
        scene.knownDigits(),
        TEST,
        style);
    markers(pen, width, height, view, scene.trainPoints(), scene.trainLabels(), ~0, TRAIN, style);
    PlaneOverlay.draw(pen, width, height, scene, style, step);
    pen.restore();
  }

  /** One marker per point on screen; a digit not in {@code knownDigits} hollow and grey. */
  private static void markers(
      Pen pen,
      double width,
      double height,
      ViewWindow view,
      Vec2List points,
      IntVector labels,
      int knownDigits,
      MarkerLook look,
      PlaneStyle style) {
    double radius = look.radius(style);
    for (int i = 0; i < points.size(); i++) {
      double sx = view.toScreenX(points.x(i), width);
      double sy = view.toScreenY(points.y(i), height);
      if (!(sx > -radius && sy > -radius && sx < width + radius && sy < height + radius)) {
        continue; // off the picture, or NaN
      }
      int digit = labels.get(i);
      if ((knownDigits & (1 << digit)) != 0) {
        drawMarker(pen, sx, sy, radius, digit, style, look.opacity());
      } else {
        drawHollowMarker(pen, sx, sy, radius, digit, style);
      }
    }
  }

  /**
   * Cells of this many pixels are shaded alike: fine enough to see a boundary, cheap enough per
   * frame.
   */
  private static final int REGION_CELL = 4;

  /**
   * The open-set view: each cell in the color of the class the head gives its center point, faint
   * where the score rejects it, stronger where it accepts it.
   */
  private static void shadeRegions(
      ViewWindow view, PlaneScene.Regions r, int width, int height, CellPainter cells) {
    int classes = r.weights().size();
    int[] digits = new int[classes];
    int seen = 0;
    for (int d = 0; d < 31 && seen < classes; d++) {
      if ((r.knownDigits() & (1 << d)) != 0) {
        digits[seen++] = d;
      }
    }
    for (int y = 0; y < height; y += REGION_CELL) {
      double wy = view.toWorldY(y + REGION_CELL / 2.0, height);
      for (int x = 0; x < width; x += REGION_CELL) {
        double wx = view.toWorldX(x + REGION_CELL / 2.0, width);
        var scored =
            OpenSetScores.score(wx, wy, r.head(), r.weights(), r.bias(), r.scale(), r.centers());
        boolean accept = scored.get(r.score()) >= r.threshold();
        cells.paint(x, y, digits[scored.predicted()], accept);
      }
    }
  }

  /**
   * A region's color where the score accepts, and where it rejects: faint, as the markers go over
   * it.
   */
  private static final double ACCEPTED_OPACITY = 0.30;

  private static final double REJECTED_OPACITY = 0.07;

  /** Paints one cell of the regions in a digit's color, accepted or rejected. */
  @FunctionalInterface
  private interface CellPainter {
    void paint(int x, int y, int digit, boolean accepted);
  }

  /** A color at an opacity as premultiplied ARGB. */
  private static int premultiplied(Color c, double opacity) {
    int a = (int) Math.round(255 * opacity);
    return (a << 24)
        | ((int) Math.round(c.getRed() * a) << 16)
        | ((int) Math.round(c.getGreen() * a) << 8)
        | (int) Math.round(c.getBlue() * a);
  }

  /** One step for both axes: they share a scale, and a square grid shows it. */
  private static double gridStep(ViewWindow view, double width, PlaneStyle style) {
    return NiceTicks.step(
        view.toWorldX(0, width),
        view.toWorldX(width, width),
        Math.max(2, (int) (width / (style.fontSize() * 9))));
  }

  private static int argb(Color c) {
    return ((int) Math.round(c.getOpacity() * 255) << 24)
        | ((int) Math.round(c.getRed() * 255) << 16)
        | ((int) Math.round(c.getGreen() * 255) << 8)
        | (int) Math.round(c.getBlue() * 255);
  }

  /** One digit's marker: its shape, filled with its color, outlined for contrast. */
  static void drawMarker(
      Pen pen, double cx, double cy, double radius, int digit, PlaneStyle style, double opacity) {
    Color fill = Palette.color(digit, style.dark()).deriveColor(0, 1, 1, opacity);
    pen.setFill(fill);
    pen.setStroke((style.dark() ? Color.BLACK : Color.WHITE).deriveColor(0, 1, 1, 0.6 * opacity));
    pen.setLineWidth(Math.max(0.5, radius * 0.18));
    double[] v = Palette.shape(digit).vertices();
    if (v.length == 0) {
      pen.fillOval(cx - radius, cy - radius, 2 * radius, 2 * radius);
      pen.strokeOval(cx - radius, cy - radius, 2 * radius, 2 * radius);
      return;
    }
    double[] xs = new double[v.length / 2];
    double[] ys = new double[v.length / 2];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = cx + radius * v[2 * i];
      ys[i] = cy + radius * v[2 * i + 1];
    }
    pen.fillPolygon(xs, ys, xs.length);
    pen.strokePolygon(xs, ys, xs.length);
  }

  /**
   * How large (times the style's point radius) and how opaque a layer's markers are, as pixels and
   * as shapes.
   */
  private record MarkerLook(double radiusScale, double opacity) {
    double radius(PlaneStyle style) {
      return style.pointRadius() * radiusScale;
    }
  }

  /**
   * The batch's markers are drawn fully opaque and a little larger, the test set's slightly
   * transparent, so the batch stands out on top; the ghosts of the step before, faint.
   */
  private static final MarkerLook TEST = new MarkerLook(1.0, 0.75);

  private static final MarkerLook TRAIN = new MarkerLook(1.3, 1.0);
  private static final MarkerLook GHOST = new MarkerLook(1.3, 0.25);

  /** Pre-drawn markers, blended as pixels by {@link PointLayer}: far faster than a polygon each. */
  private void ensureSprites(PlaneStyle style) {
    if (style.equals(spriteStyle)) {
      return;
    }
    for (int j = 0; j < 10; j++) {
      testSprites[j] = filledSprite(j, TEST, style);
      testSprites[10 + j] = hollowSprite(j, style);
      trainSprites[j] = filledSprite(j, TRAIN, style);
      ghostSprites[j] = filledSprite(j, GHOST, style);
    }
    testSprites[20] = hollowSprite(MnistDataSet.OTHER_DATA, style);
    ghostPixels = PointLayer.Sprites.of(ghostSprites);
    testPixels = PointLayer.Sprites.of(testSprites);
    trainPixels = PointLayer.Sprites.of(trainSprites);
    spriteStyle = style;
  }

  /** A digit training never saw: its shape, grey, hollow. */
  static void drawHollowMarker(
      Pen pen, double cx, double cy, double radius, int digit, PlaneStyle style) {
    pen.setStroke(style.unknown());
    pen.setLineWidth(Math.max(1, radius * 0.3));
    double[] v = Palette.shape(digit).vertices();
    if (v.length == 0) {
      pen.strokeOval(cx - radius * 0.85, cy - radius * 0.85, 1.7 * radius, 1.7 * radius);
      return;
    }
    double[] xs = new double[v.length / 2];
    double[] ys = new double[v.length / 2];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = cx + radius * 0.85 * v[2 * i];
      ys[i] = cy + radius * 0.85 * v[2 * i + 1];
    }
    pen.strokePolygon(xs, ys, xs.length);
  }

  private static Image filledSprite(int digit, MarkerLook look, PlaneStyle style) {
    double radius = look.radius(style);
    return sprite(
        radius, (pen, cx, cy) -> drawMarker(pen, cx, cy, radius, digit, style, look.opacity()));
  }

  /** An unknown's marker, the size of the test set's. */
  private static Image hollowSprite(int digit, PlaneStyle style) {
    double radius = TEST.radius(style);
    return sprite(radius, (pen, cx, cy) -> drawHollowMarker(pen, cx, cy, radius, digit, style));
  }

  /** Draws one marker centered on (cx, cy). */
  @FunctionalInterface
  private interface MarkerDrawing {
    void draw(Pen pen, double cx, double cy);
  }

  /** A marker of this radius drawn once, centered, into a transparent image. */
  private static Image sprite(double radius, MarkerDrawing marker) {
    int size = (int) Math.ceil(radius * 2 + 4);
    Canvas canvas = new Canvas(size, size);
    marker.draw(new FxPen(canvas.getGraphicsContext2D(), new TextWidths()), size / 2.0, size / 2.0);
    SnapshotParameters parameters = new SnapshotParameters();
    parameters.setFill(Color.TRANSPARENT);
    return canvas.snapshot(parameters, new WritableImage(size, size));
  }
}
