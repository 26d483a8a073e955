package lab.centerloss.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.canvas.Canvas;
import javafx.scene.paint.Color;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.Vec2List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The vector drawing (for SVG) against the canvas drawing of the same scene: the same picture but
 * for anti-aliasing and the letters' shapes, and each center in its digit's color where it belongs.
 */
class PlaneRendererVectorTest {
  private static final int WIDTH = 480;
  private static final int HEIGHT = 360;
  private static final PlaneStyle STYLE = PlaneStyle.normal();

  @BeforeAll
  static void startJavaFx() {
    HeadlessFx.start();
  }

  @Test
  void vectorDrawingShowsWhatTheCanvasShows() {
    PlaneScene scene = scene(true);
    BufferedImage raster = HeadlessFx.call(() -> raster(scene));
    BufferedImage vector = HeadlessFx.call(() -> vector(scene));
    double differing = differingFraction(raster, vector);
    // Without its markers the vector picture must be told apart, or the comparison proves nothing.
    BufferedImage withoutMarkers = HeadlessFx.call(() -> vector(scene(false)));
    double differingWithoutMarkers = differingFraction(raster, withoutMarkers);

    assertThat(differing).as("blocks that differ clearly").isLessThan(0.02);
    assertThat(differingWithoutMarkers).isGreaterThan(5 * differing);
    for (int digit = 0; digit < 10; digit++) {
      double[] center = centerOf(digit);
      // up and left of the middle: inside the disc (radius 11), clear of its label
      int x = (int) Math.round(scene.view().toScreenX(center[0], WIDTH)) - 6;
      int y = (int) Math.round(scene.view().toScreenY(center[1], HEIGHT)) - 6;
      int expected = rgb(Palette.color(digit, STYLE.dark()));
      assertThat(distance(vector.getRGB(x, y), expected))
          .as("center %d in its color", digit)
          .isLessThan(12);
      assertThat(distance(raster.getRGB(x, y), expected))
          .as("center %d on the canvas", digit)
          .isLessThan(12);
    }
  }

  /** Ten clouds of 60 test points around centers on a circle; the markers left out when asked. */
  private static PlaneScene scene(boolean withMarkers) {
    Random random = new Random(7);
    int perDigit = withMarkers ? 60 : 0;
    float[] xy = new float[2 * 10 * perDigit];
    int[] labels = new int[10 * perDigit];
    float[] centers = new float[20];
    for (int digit = 0; digit < 10; digit++) {
      double[] c = centerOf(digit);
      centers[2 * digit] = (float) c[0];
      centers[2 * digit + 1] = (float) c[1];
      for (int i = 0; i < perDigit; i++) {
        int k = digit * perDigit + i;
        xy[2 * k] = (float) (c[0] + random.nextGaussian() * 0.7);
        xy[2 * k + 1] = (float) (c[1] + random.nextGaussian() * 0.7);
        labels[k] = digit;
      }
    }
    ViewWindow view = new ViewWindow(0, 0, 30);
    return new PlaneScene(
        view,
        Vec2List.copyOf(xy),
        IntVector.copyOf(labels),
        Vec2List.copyOf(new float[0]),
        IntVector.copyOf(new int[0]),
        Vec2List.copyOf(centers),
        List.of(),
        -1,
        false,
        "");
  }

  private static double[] centerOf(int digit) {
    double angle = 2 * Math.PI * digit / 10;
    return new double[] {4 * Math.cos(angle), 4 * Math.sin(angle)};
  }

  private static BufferedImage raster(PlaneScene scene) {
    Canvas canvas = new Canvas(WIDTH, HEIGHT);
    new PlaneRenderer().render(canvas.getGraphicsContext2D(), WIDTH, HEIGHT, scene, STYLE);
    return SwingFXUtils.fromFXImage(
        canvas.snapshot(null, null), new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB));
  }

  private static BufferedImage vector(PlaneScene scene) {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    new PlaneRenderer().renderVector(g, WIDTH, HEIGHT, scene, STYLE);
    g.dispose();
    return image;
  }

  /**
   * The share of 4x4 blocks whose mean colors are more than 60 apart (red, green and blue
   * differences summed): an edge anti-aliased half a pixel to one side washes out in its block, a
   * missing marker does not.
   */
  private static double differingFraction(BufferedImage a, BufferedImage b) {
    int block = 4;
    int differing = 0;
    int blocks = 0;
    for (int y = 0; y + block <= HEIGHT; y += block) {
      for (int x = 0; x + block <= WIDTH; x += block) {
        int[] sum = new int[3];
        for (int dy = 0; dy < block; dy++) {
          for (int dx = 0; dx < block; dx++) {
            int p = a.getRGB(x + dx, y + dy);
            int q = b.getRGB(x + dx, y + dy);
            for (int c = 0; c < 3; c++) {
              sum[c] += ((p >> (8 * c)) & 0xff) - ((q >> (8 * c)) & 0xff);
            }
          }
        }
        int distance = Math.abs(sum[0]) + Math.abs(sum[1]) + Math.abs(sum[2]);
        if (distance > 60 * block * block) {
          differing++;
        }
        blocks++;
      }
    }
    return differing / (double) blocks;
  }

  private static int distance(int rgb1, int rgb2) {
    return Math.abs(((rgb1 >> 16) & 0xff) - ((rgb2 >> 16) & 0xff))
        + Math.abs(((rgb1 >> 8) & 0xff) - ((rgb2 >> 8) & 0xff))
        + Math.abs((rgb1 & 0xff) - (rgb2 & 0xff));
  }

  private static int rgb(Color c) {
    return ((int) Math.round(c.getRed() * 255) << 16)
        | ((int) Math.round(c.getGreen() * 255) << 8)
        | (int) Math.round(c.getBlue() * 255);
  }
}
