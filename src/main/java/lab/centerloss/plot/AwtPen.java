package lab.centerloss.plot;

import java.awt.BasicStroke;
import java.awt.FontFormatException;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A {@link Pen} on a Java 2D graphics, e.g. JFreeSVG's, which writes each call as an SVG element.
 * JavaFX's settings are carried over as JavaFX defines them: line caps square and joins mitred as
 * on a canvas, text placed by its alignment and vertical position, the bundled Chinese font loaded
 * into Java 2D as well.
 */
final class AwtPen implements Pen {
  /** Every setting a {@link #save()} keeps. */
  private static final class State {
    private Color fill = Color.BLACK;
    private Color stroke = Color.BLACK;
    private double lineWidth = 1;
    private double[] dashes;
    private Font font = Font.getDefault();
    private TextAlignment align = TextAlignment.LEFT;
    private VPos baseline = VPos.BASELINE;

    State copy() {
      State copy = new State();
      copy.fill = fill;
      copy.stroke = stroke;
      copy.lineWidth = lineWidth;
      copy.dashes = dashes;
      copy.font = font;
      copy.align = align;
      copy.baseline = baseline;
      return copy;
    }
  }

  private static java.awt.Font bundled;
  private final Graphics2D g;
  private final Deque<State> saved = new ArrayDeque<>();
  private State state = new State();

  AwtPen(Graphics2D g) {
    this.g = g;
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
  }

  @Override
  public void save() {
    saved.push(state.copy());
  }

  @Override
  public void restore() {
    if (!saved.isEmpty()) {
      state = saved.pop();
    }
  }

  @Override
  public void setFill(Color color) {
    state.fill = color;
  }

  @Override
  public void setStroke(Color color) {
    state.stroke = color;
  }

  @Override
  public void setLineWidth(double width) {
    state.lineWidth = width;
  }

  @Override
  public void setLineDashes(double... dashes) {
    state.dashes = dashes == null || dashes.length == 0 ? null : dashes.clone();
  }

  @Override
  public void setFont(Font font) {
    state.font = font;
  }

  @Override
  public void setTextAlign(TextAlignment align) {
    state.align = align;
  }

  @Override
  public void setTextBaseline(VPos baseline) {
    state.baseline = baseline;
  }

  @Override
  public double textWidth(String text, Font font) {
    return g.getFontMetrics(awtFont(font)).getStringBounds(text, g).getWidth();
  }

  @Override
  public void fillRect(double x, double y, double w, double h) {
    fill(new Rectangle2D.Double(x, y, w, h));
  }

  @Override
  public void strokeRect(double x, double y, double w, double h) {
    stroke(new Rectangle2D.Double(x, y, w, h));
  }

  @Override
  public void fillRoundRect(double x, double y, double w, double h, double arc) {
    fill(new RoundRectangle2D.Double(x, y, w, h, arc, arc));
  }

  @Override
  public void strokeRoundRect(double x, double y, double w, double h, double arc) {
    stroke(new RoundRectangle2D.Double(x, y, w, h, arc, arc));
  }

  @Override
  public void fillOval(double x, double y, double w, double h) {
    fill(new Ellipse2D.Double(x, y, w, h));
  }

  @Override
  public void strokeOval(double x, double y, double w, double h) {
    stroke(new Ellipse2D.Double(x, y, w, h));
  }

  @Override
  public void strokeLine(double x0, double y0, double x1, double y1) {
    stroke(new Line2D.Double(x0, y0, x1, y1));
  }

  @Override
  public void fillPolygon(double[] xs, double[] ys, int count) {
    fill(path(xs, ys, count, true));
  }

  @Override
  public void strokePolygon(double[] xs, double[] ys, int count) {
    stroke(path(xs, ys, count, true));
  }

  @Override
  public void strokePolyline(double[] xs, double[] ys, int count) {
    stroke(path(xs, ys, count, false));
  }

  @Override
  public void fillText(String text, double x, double y) {
    java.awt.Font font = awtFont(state.font);
    FontMetrics metrics = g.getFontMetrics(font);
    double width = metrics.getStringBounds(text, g).getWidth();
    double left =
        switch (state.align) {
          case CENTER -> x - width / 2;
          case RIGHT -> x - width;
          default -> x;
        };
    double baseline =
        switch (state.baseline) {
          case TOP -> y + metrics.getAscent();
          case CENTER -> y + (metrics.getAscent() - metrics.getDescent()) / 2.0;
          case BOTTOM -> y - metrics.getDescent();
          default -> y;
        };
    g.setFont(font);
    g.setPaint(awt(state.fill));
    g.drawString(text, (float) left, (float) baseline);
  }

  private void fill(Shape shape) {
    g.setPaint(awt(state.fill));
    g.fill(shape);
  }

  private void stroke(Shape shape) {
    g.setPaint(awt(state.stroke));
    float[] dashes = null;
    if (state.dashes != null) {
      dashes = new float[state.dashes.length];
      for (int i = 0; i < dashes.length; i++) {
        dashes[i] = (float) state.dashes[i];
      }
    }
    // Hundredths of a pixel: an SVG keeps every digit it is given, on each of thousands of markers.
    float width = Math.round(state.lineWidth * 100) / 100f;
    g.setStroke(
        new BasicStroke(width, BasicStroke.CAP_SQUARE, BasicStroke.JOIN_MITER, 10f, dashes, 0f));
    g.draw(shape);
  }

  private static Path2D path(double[] xs, double[] ys, int count, boolean closed) {
    Path2D.Double path = new Path2D.Double();
    for (int i = 0; i < count; i++) {
      if (i == 0) {
        path.moveTo(xs[i], ys[i]);
      } else {
        path.lineTo(xs[i], ys[i]);
      }
    }
    if (closed) {
      path.closePath();
    }
    return path;
  }

  static java.awt.Color awt(Color c) {
    return new java.awt.Color(
        (float) c.getRed(), (float) c.getGreen(), (float) c.getBlue(), (float) c.getOpacity());
  }

  /**
   * The Java 2D font for a JavaFX one: the bundled file for its family, Java's sans serif for the
   * platform's.
   */
  static java.awt.Font awtFont(Font font) {
    int style =
        font.getStyle().toLowerCase(Locale.ROOT).contains("bold")
            ? java.awt.Font.BOLD
            : java.awt.Font.PLAIN;
    java.awt.Font base =
        Fonts.BUNDLED_FAMILY.equals(font.getFamily())
            ? bundled()
            : new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 12);
    return base.deriveFont(style, (float) font.getSize());
  }

  private static synchronized java.awt.Font bundled() {
    if (bundled == null) {
      try (InputStream in = AwtPen.class.getResourceAsStream(Fonts.BUNDLED_FILE)) {
        if (in == null) {
          throw new IllegalStateException(
              "the bundled font " + Fonts.BUNDLED_FILE + " is missing from the build");
        }
        bundled = java.awt.Font.createFont(java.awt.Font.TRUETYPE_FONT, in);
      } catch (IOException | FontFormatException e) {
        throw new IllegalStateException(
            "Java 2D cannot read the bundled font " + Fonts.BUNDLED_FILE, e);
      }
    }
    return bundled;
  }
}
