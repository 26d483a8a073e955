package lab.centerloss.plot;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.WritableImage;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.Vec2List;

/**
 * Runs side by side as the center-loss paper shows them (Wen et al. 2016, Figure 3): one panel per
 * run, all on the same axes (one world box fits every panel's features and centers), so that the
 * spreads compare honestly; a caption on each. A panel whose cloud the shared axes draw small shows
 * it again at its own scale in a corner ({@link OwnScaleInset}), as the window does.
 */
public final class GridFigure {
  private GridFigure() {}

  /** One run's last step and the two lines of its caption. */
  public record Panel(StepSnapshot step, String title, String numbers) {}

  /**
   * The panels, in a grid as square as their number allows, {@code width} pixels wide. Call off the
   * FX thread.
   */
  public static BufferedImage draw(List<Panel> panels, int width) {
    Layout layout = Layout.of(panels, width);
    BufferedImage figure =
        new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = figure.createGraphics();
    for (int i = 0; i < panels.size(); i++) {
      Panel panel = panels.get(i);
      BufferedImage image = HeadlessFx.call(() -> render(panel, layout));
      g.drawImage(image, layout.left(i), layout.top(i), null);
    }
    g.dispose();
    return figure;
  }

  /**
   * The same figure as {@link #draw} as an SVG document: every marker, line and letter a shape (the
   * text as outlines, so that it needs no font where it is opened). Call off the FX thread.
   */
  public static String drawSvg(List<Panel> panels, int width) {
    Layout layout = Layout.of(panels, width);
    return HeadlessFx.call(
        () ->
            Svg.document(
                layout.width(),
                layout.height(),
                svg -> {
                  PlaneRenderer renderer = new PlaneRenderer();
                  PlaneStyle style = styleFor(layout);
                  for (int i = 0; i < panels.size(); i++) {
                    Graphics2D g =
                        (Graphics2D)
                            svg.create(
                                layout.left(i),
                                layout.top(i),
                                layout.panelWidth(),
                                layout.panelHeight()); // translated and clipped to the panel
                    Panel panel = panels.get(i);
                    PlaneScene scene = scene(panel, layout);
                    renderer.renderVector(
                        g, layout.panelWidth(), layout.panelHeight(), scene, style);
                    inset(panel, scene, layout, style)
                        .ifPresent(
                            inset ->
                                new OwnScaleInset()
                                    .renderVector(
                                        g,
                                        scene,
                                        inset,
                                        style,
                                        layout.panelWidth(),
                                        layout.panelHeight()));
                    numbersAndFrame(new AwtPen(g), panel, style, layout);
                    g.dispose();
                  }
                }));
  }

  /**
   * Where the panels go: columns and rows as even as their number allows, all on one shared view.
   */
  private record Layout(int columns, int rows, int panelWidth, int panelHeight, ViewWindow view) {
    static Layout of(List<Panel> panels, int width) {
      int columns = (int) Math.ceil(Math.sqrt(panels.size()));
      int rows = (int) Math.ceil(panels.size() / (double) columns);
      int panelWidth = width / columns;
      int panelHeight = (int) Math.round(panelWidth * 0.8);
      return new Layout(
          columns, rows, panelWidth, panelHeight, sharedView(panels, panelWidth, panelHeight));
    }

    int width() {
      return columns * panelWidth;
    }

    int height() {
      return rows * panelHeight;
    }

    int left(int panel) {
      return (panel % columns) * panelWidth;
    }

    int top(int panel) {
      return (panel / columns) * panelHeight;
    }
  }

  private static ViewWindow sharedView(List<Panel> panels, int width, int height) {
    List<Float> xy = new ArrayList<>();
    List<Float> centers = new ArrayList<>();
    for (Panel p : panels) {
      Vec2List points =
          p.step().probe().map(ProbeResult::features).orElse(p.step().batch().features());
      for (int i = 0; i < points.size(); i++) {
        xy.add(points.x(i));
        xy.add(points.y(i));
      }
      Vec2List c = p.step().centers().after();
      for (int j = 0; j < c.size(); j++) {
        centers.add(c.x(j));
        centers.add(c.y(j));
      }
    }
    WorldBox box =
        WorldBox.robust(
            Vec2List.copyOf(toArray(xy)), Vec2List.copyOf(toArray(centers)), PlaneScenes.OUTLIERS);
    // room at the top for the caption
    return box.fit(width, height * 0.86, PlaneScenes.PADDING);
  }

  private static float[] toArray(List<Float> values) {
    float[] a = new float[values.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = values.get(i);
    }
    return a;
  }

  private static BufferedImage render(Panel panel, Layout layout) {
    int width = layout.panelWidth();
    int height = layout.panelHeight();
    Canvas canvas = new Canvas(width, height);
    PlaneStyle style = styleFor(layout);
    PlaneScene scene = scene(panel, layout);
    new PlaneRenderer().render(canvas.getGraphicsContext2D(), width, height, scene, style);
    inset(panel, scene, layout, style)
        .ifPresent(
            inset ->
                new OwnScaleInset()
                    .render(canvas.getGraphicsContext2D(), scene, inset, style, width, height));
    numbersAndFrame(
        new FxPen(canvas.getGraphicsContext2D(), new TextWidths()), panel, style, layout);
    WritableImage image = canvas.snapshot(null, null);
    return SwingFXUtils.fromFXImage(
        image, new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB));
  }

  private static PlaneStyle styleFor(Layout layout) {
    return FrameCapture.styleFor(PlaneStyle.normal(), layout.panelHeight());
  }

  /**
   * A panel's probe (test features) and centers on the shared view, moved down to leave room for
   * the caption.
   */
  private static PlaneScene scene(Panel panel, Layout layout) {
    StepSnapshot s = panel.step();
    ProbeResult probe = s.probe().orElse(null);
    Vec2List none = Vec2List.copyOf(new float[0]);
    IntVector noLabels = IntVector.copyOf(new int[0]);
    ViewWindow view = layout.view();
    ViewWindow shifted =
        new ViewWindow(
            view.centerX(),
            view.centerY() + 0.07 * layout.panelHeight() / view.pixelsPerUnit(),
            view.pixelsPerUnit());
    return new PlaneScene(
            shifted,
            probe != null ? probe.features() : none,
            probe != null ? probe.labels() : noLabels,
            none,
            noLabels,
            s.centers().after(),
            List.of(),
            -1,
            false,
            titled(panel.title(), PlaneScenes.projectionNote(s.hyperparameters())))
        .withKnownDigits(s.hyperparameters().knownDigits());
  }

  /** Each panel's inset at its own scale, or none, as {@link #draw} places them. */
  static List<Optional<OwnScaleInset.Placement>> insets(List<Panel> panels, int width) {
    Layout layout = Layout.of(panels, width);
    PlaneStyle style = styleFor(layout);
    return panels.stream().map(p -> inset(p, scene(p, layout), layout, style)).toList();
  }

  /**
   * The panel's inset at its own scale, when the shared view draws its cloud small: its probe's
   * features and centers fitted as a plane of its own would fit them.
   */
  private static Optional<OwnScaleInset.Placement> inset(
      Panel panel, PlaneScene scene, Layout layout, PlaneStyle style) {
    WorldBox own =
        WorldBox.robust(
            panel.step().probe().map(ProbeResult::features).orElse(panel.step().batch().features()),
            panel.step().centers().after(),
            PlaneScenes.OUTLIERS);
    return OwnScaleInset.place(
        own, scene.view(), layout.panelWidth(), layout.panelHeight(), style, false);
  }

  /** The panel's title, and after it the projection note of a run of more than two dimensions. */
  private static String titled(String title, String note) {
    return note.isEmpty() ? title : title + " · " + note;
  }

  /** The caption's second line, the panel's numbers, and a frame around the panel. */
  private static void numbersAndFrame(Pen pen, Panel panel, PlaneStyle style, Layout layout) {
    pen.setFill(style.foreground());
    pen.setFont(Font.font(Fonts.family(), style.fontSize() * 0.9));
    pen.setTextAlign(TextAlignment.LEFT);
    pen.setTextBaseline(VPos.TOP);
    pen.fillText(panel.numbers(), style.fontSize() * 0.8, style.fontSize() * 2.0);
    pen.setStroke(style.axis());
    pen.setLineWidth(1);
    pen.strokeRect(0.5, 0.5, layout.panelWidth() - 1, layout.panelHeight() - 1);
  }
}
