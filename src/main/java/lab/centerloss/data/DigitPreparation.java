package lab.centerloss.data;

import java.util.Arrays;
import java.util.Optional;

/**
 * Prepares a drawn digit the way MNIST's digits were prepared, so that the network sees a drawing
 * as it saw its training images. LeCun, Cortes and Burges, "The MNIST database of handwritten
 * digits" (the database's page): "The original black and white (bilevel) images from NIST were size
 * normalized to fit in a 20x20 pixel box while preserving their aspect ratio. The resulting images
 * contain grey levels as a result of the anti-aliasing technique used by the normalization
 * algorithm. The images were centered in a 28x28 image by computing the center of mass of the
 * pixels, and translating the image so as to position this point at the center of the 28x28 field."
 *
 * <p>Here both moves are one resampling that matches the data set as it is. The ink's bounding box
 * is scaled so that its longer side is 20 pixels, and each of the 28x28 pixels takes the mean of
 * the ink under it (area averaging, which is the anti-aliasing). The box is placed by a whole
 * number of pixels, as MNIST's were, so that the center of mass lands within half a pixel of pixel
 * 14 (the centre of pixel 14, 14.5 in pixel edges). Measured on MNIST's first 2,000 test images:
 * every bounding box has a longer side of exactly 20, and the center of mass is at 14.50 ± 0.29
 * (the spread of a whole-pixel shift), not at the field's middle, 14.0. Grey levels come out as
 * MNIST's bytes (0 paper, 255 full ink); the network's input normalisation is then the training
 * images' own.
 */
public final class DigitPreparation {
  /** MNIST's field and the box its digits were fitted into. */
  public static final int FIELD = MnistDataSet.IMAGE_SIDE;

  public static final int BOX = 20;

  private DigitPreparation() {}

  /**
   * The 28x28 image of what was drawn, or empty when nothing was.
   *
   * @param ink row by row, 0 for paper and 1 for full ink (larger values count as 1)
   * @param width columns of {@code ink}
   * @param height rows of {@code ink}
   */
  public static Optional<byte[]> prepare(float[] ink, int width, int height) {
    if (width <= 0 || height <= 0 || ink.length != width * height) {
      throw new IllegalArgumentException(
          "ink holds " + ink.length + " values, not " + width + "x" + height);
    }
    int left = width;
    int right = -1;
    int top = height;
    int bottom = -1;
    double mass = 0;
    double massX = 0;
    double massY = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double v = clamp(ink[y * width + x]);
        if (v > 0) {
          left = Math.min(left, x);
          right = Math.max(right, x);
          top = Math.min(top, y);
          bottom = Math.max(bottom, y);
          mass += v;
          // pixel (x, y) is the unit square [x, x+1] x [y, y+1]: its mass sits at its middle
          massX += v * (x + 0.5);
          massY += v * (y + 0.5);
        }
      }
    }
    if (right < 0) {
      return Optional.empty();
    }
    double scale = (double) BOX / Math.max(right - left + 1, bottom - top + 1);
    double[][] columnWeights = weights(width, left, placement(left, massX / mass, scale), scale);
    double[][] rowWeights = weights(height, top, placement(top, massY / mass, scale), scale);
    byte[] image = new byte[FIELD * FIELD];
    double[] rowSums = new double[width];
    for (int v = 0; v < FIELD; v++) {
      Arrays.fill(rowSums, 0);
      boolean any = false;
      for (int y = 0; y < height; y++) {
        double wy = rowWeights[v][y];
        if (wy == 0) {
          continue;
        }
        any = true;
        for (int x = 0; x < width; x++) {
          rowSums[x] += wy * clamp(ink[y * width + x]);
        }
      }
      if (!any) {
        continue;
      }
      for (int u = 0; u < FIELD; u++) {
        double value = 0;
        double[] wx = columnWeights[u];
        for (int x = 0; x < width; x++) {
          value += wx[x] * rowSums[x];
        }
        image[v * FIELD + u] = (byte) Math.round(255 * clamp(value));
      }
    }
    return Optional.of(image);
  }

  /**
   * Where the box's leading edge goes in the field along one axis: the whole pixel that puts the
   * center of mass nearest to 14.5 (in pixel edges; pixel 14's centre).
   */
  private static int placement(int boxStart, double centerOfMass, double scale) {
    return (int) Math.round(MASS_TARGET - (centerOfMass - boxStart) * scale);
  }

  /** Where MNIST's centers of mass are, in pixel edges: see the class comment. */
  private static final double MASS_TARGET = 14.5;

  /**
   * For each output pixel along one axis, the share of it that each source pixel covers: the
   * overlap of the source pixel [s, s+1] with the output pixel's footprint in source coordinates,
   * divided by that footprint's length (1 / scale), so that full ink stays full ink. The source's
   * {@code boxStart} edge lands on output edge {@code placed}.
   */
  private static double[][] weights(int sourceLength, int boxStart, int placed, double scale) {
    double[][] weights = new double[FIELD][sourceLength];
    for (int u = 0; u < FIELD; u++) {
      double from = (u - placed) / scale + boxStart;
      double to = (u + 1 - placed) / scale + boxStart;
      int first = Math.max(0, (int) Math.floor(from));
      int last = Math.min(sourceLength - 1, (int) Math.ceil(to) - 1);
      for (int s = first; s <= last; s++) {
        double overlap = Math.min(to, s + 1) - Math.max(from, s);
        if (overlap > 0) {
          weights[u][s] = overlap * scale;
        }
      }
    }
    return weights;
  }

  private static double clamp(double v) {
    return v <= 0 || Double.isNaN(v) ? 0 : Math.min(1, v);
  }

  /** A 28x28 MNIST image (unsigned bytes) as ink for {@link #prepare}: byte / 255. */
  public static float[] inkOf(byte[] pixels) {
    float[] ink = new float[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      ink[i] = (pixels[i] & 0xFF) / 255f;
    }
    return ink;
  }
}
