package lab.centerloss.plot;

import java.awt.Graphics2D;
import java.util.function.Consumer;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;

/** SVG documents drawn with Java 2D (JFreeSVG), set up the same way for every figure. */
final class Svg {
  private Svg() {}

  /**
   * What {@code drawing} draws on a {@code width} x {@code height} surface, as an SVG document.
   * Letters become outlines, so that the file needs no font where it is opened (Chinese included);
   * coordinates keep tenths of a pixel, finer than any screen shows, which keeps thousands of
   * markers small.
   */
  static String document(double width, double height, Consumer<Graphics2D> drawing) {
    SVGGraphics2D svg = new SVGGraphics2D(width, height);
    svg.setRenderingHint(SVGHints.KEY_DRAW_STRING_TYPE, SVGHints.VALUE_DRAW_STRING_TYPE_VECTOR);
    svg.setGeomDoubleConverter(value -> Double.toString(Math.round(value * 10) / 10.0));
    drawing.accept(svg);
    return svg.getSVGDocument();
  }
}
