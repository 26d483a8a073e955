package lab.centerloss.plot;

import java.awt.image.BufferedImage;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.WritableImage;

/**
 * Draws a scene into an off-screen canvas of a chosen size and returns the pixels, for exports. The
 * style grows with the frame so that a 1920x1080 export reads like the window does. Call on the
 * JavaFX thread.
 */
public final class FrameCapture {
  /** The window's plane is about this tall; exports scale markers and text from it. */
  private static final double REFERENCE_HEIGHT = 650;

  private final PlaneRenderer renderer = new PlaneRenderer();
  private final Canvas canvas;
  private final WritableImage image;

  public FrameCapture(int width, int height) {
    canvas = new Canvas(width, height);
    image = new WritableImage(width, height);
  }

  public static PlaneStyle styleFor(PlaneStyle base, int height) {
    return base.scaledBy(Math.max(0.5, height / REFERENCE_HEIGHT));
  }

  public BufferedImage capture(PlaneScene scene, PlaneStyle style) {
    renderer.render(
        canvas.getGraphicsContext2D(),
        canvas.getWidth(),
        canvas.getHeight(),
        scene,
        styleFor(style, (int) canvas.getHeight()));
    canvas.snapshot(null, image);
    BufferedImage out =
        new BufferedImage(
            (int) canvas.getWidth(), (int) canvas.getHeight(), BufferedImage.TYPE_INT_RGB);
    return SwingFXUtils.fromFXImage(image, out);
  }

  /**
   * The same frame as {@link #capture} as an SVG document, every marker a shape, for slides at any
   * size.
   */
  public String captureSvg(PlaneScene scene, PlaneStyle style) {
    return Svg.document(
        canvas.getWidth(),
        canvas.getHeight(),
        g ->
            renderer.renderVector(
                g,
                canvas.getWidth(),
                canvas.getHeight(),
                scene,
                styleFor(style, (int) canvas.getHeight())));
  }
}
