package lab.centerloss.plot;

import java.nio.IntBuffer;
import java.util.Arrays;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.image.WritablePixelFormat;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.Vec2List;

/**
 * Thousands of markers as one image: each marker's pre-drawn sprite is blended into an ARGB buffer
 * in plain Java, and the buffer goes to the canvas with a single drawImage. Ten thousand separate
 * drawImage calls cost the software renderer about 30 ms a frame; this costs a few.
 */
final class PointLayer {
  private static final WritablePixelFormat<IntBuffer> PREMULTIPLIED =
      PixelFormat.getIntArgbPreInstance();
  private int width;
  private int height;
  private int[] pixels = new int[0];
  private PixelBuffer<IntBuffer> pixelBuffer;
  private WritableImage image;

  /** Sprite pixels (premultiplied ARGB) by digit, with their size. */
  record Sprites(int[][] pixels, int size) {
    static Sprites of(Image[] images) {
      int size = (int) images[0].getWidth();
      int[][] pixels = new int[images.length][size * size];
      for (int d = 0; d < images.length; d++) {
        images[d].getPixelReader().getPixels(0, 0, size, size, PREMULTIPLIED, pixels[d], 0, size);
      }
      return new Sprites(pixels, size);
    }
  }

  /** Starts a frame filled with an opaque background color (ARGB). */
  void begin(int newWidth, int newHeight, int background) {
    if (newWidth != width || newHeight != height || image == null) {
      width = Math.max(1, newWidth);
      height = Math.max(1, newHeight);
      pixels = new int[width * height];
      // The image shares the int array: no conversion to the default byte layout on the way
      // in and back to ints for the renderer's texture, which was half the cost of a frame.
      pixelBuffer = new PixelBuffer<>(width, height, IntBuffer.wrap(pixels), PREMULTIPLIED);
      image = new WritableImage(pixelBuffer);
    }
    Arrays.fill(pixels, background | 0xff000000);
  }

  int width() {
    return width;
  }

  int height() {
    return height;
  }

  /** Blends a premultiplied ARGB color over a square cell. */
  void fillCell(int left, int top, int size, int color) {
    int alpha = color >>> 24;
    int keep = 255 - alpha;
    for (int y = top; y < Math.min(height, top + size); y++) {
      int row = y * width;
      for (int x = left; x < Math.min(width, left + size); x++) {
        int dst = pixels[row + x];
        int rb = (dst & 0x00ff00ff) * keep + 0x00800080;
        rb = ((rb + ((rb >>> 8) & 0x00ff00ff)) >>> 8) & 0x00ff00ff;
        int ag = ((dst >>> 8) & 0x00ff00ff) * keep + 0x00800080;
        ag = (ag + ((ag >>> 8) & 0x00ff00ff)) & 0xff00ff00;
        pixels[row + x] = color + (ag | rb);
      }
    }
  }

  /** A one-pixel vertical line, e.g. of the grid. */
  void verticalLine(double screenX, int argb) {
    int x = (int) Math.floor(screenX);
    if (x < 0 || x >= width) {
      return;
    }
    for (int y = 0; y < height; y++) {
      pixels[y * width + x] = argb;
    }
  }

  /** A one-pixel horizontal line. */
  void horizontalLine(double screenY, int argb) {
    int y = (int) Math.floor(screenY);
    if (y < 0 || y >= height) {
      return;
    }
    Arrays.fill(pixels, y * width, (y + 1) * width, argb);
  }

  void add(ViewWindow view, Vec2List points, IntVector labels, Sprites sprites) {
    add(view, points, labels, sprites, -1);
  }

  /**
   * As {@link #add(ViewWindow, Vec2List, IntVector, Sprites)}, with the sprites of the digits
   * training never saw (not in {@code knownDigits}) taken from the second half of the sprites:
   * index 10 + digit.
   */
  void add(ViewWindow view, Vec2List points, IntVector labels, Sprites sprites, int knownDigits) {
    int size = sprites.size();
    int half = size / 2;
    for (int i = 0; i < points.size(); i++) {
      double sx = view.toScreenX(points.x(i), width);
      double sy = view.toScreenY(points.y(i), height);
      if (!(sx > -size && sy > -size && sx < width + size && sy < height + size)) {
        continue; // off screen, or NaN
      }
      int digit = labels.get(i);
      int sprite = (knownDigits & (1 << digit)) != 0 ? digit : 10 + digit;
      blend(
          sprites.pixels()[sprite], size, (int) Math.round(sx) - half, (int) Math.round(sy) - half);
    }
  }

  /**
   * Runs the blending on synthetic points until the JIT has compiled it. Without this the first
   * frames of a run blend thousands of markers in the interpreter and hold the JavaFX thread for
   * about 100 ms. Pure Java: any thread may call it, e.g. while libtorch loads.
   */
  public static void warmUp() {
    PointLayer layer = new PointLayer();
    int size = 10;
    int[][] sprites = new int[10][size * size];
    for (int[] sprite : sprites) {
      Arrays.fill(sprite, 0xbf406080); // 75% opaque, premultiplied
      sprite[0] = 0;
      sprite[1] = 0xff000000;
    }
    Sprites synthetic = new Sprites(sprites, size);
    float[] xy = new float[2 * 10_000];
    int[] labels = new int[10_000];
    for (int i = 0; i < labels.length; i++) {
      xy[2 * i] = (float) Math.sin(i) * 3;
      xy[2 * i + 1] = (float) Math.cos(i * 1.3) * 3;
      labels[i] = i % 10;
    }
    Vec2List points = Vec2List.copyOf(xy);
    IntVector digits = IntVector.copyOf(labels);
    for (int round = 0; round < 60; round++) {
      layer.begin(640, 360, 0x15181d);
      layer.verticalLine(10, 0xff202020);
      layer.horizontalLine(10, 0xff202020);
      layer.add(new ViewWindow(0, 0, 50), points, digits, synthetic);
    }
  }

  void draw(GraphicsContext gc) {
    pixelBuffer.updateBuffer(changed -> null); // null: all of it changed
    gc.drawImage(image, 0, 0);
  }

  /** Source-over with premultiplied alpha: out = src + dst * (1 - srcAlpha). */
  private void blend(int[] sprite, int size, int left, int top) {
    int x0 = Math.max(0, -left);
    int y0 = Math.max(0, -top);
    int x1 = Math.min(size, width - left);
    int y1 = Math.min(size, height - top);
    for (int y = y0; y < y1; y++) {
      int row = (top + y) * width + left;
      int spriteRow = y * size;
      for (int x = x0; x < x1; x++) {
        int src = sprite[spriteRow + x];
        int srcAlpha = src >>> 24;
        if (srcAlpha == 0) {
          continue;
        }
        int at = row + x;
        if (srcAlpha == 255) {
          pixels[at] = src;
          continue;
        }
        int dst = pixels[at];
        int keep = 255 - srcAlpha;
        // Red and blue scaled together in one multiply (x * keep / 255, rounded), then green and
        // alpha.
        int rb = (dst & 0x00ff00ff) * keep + 0x00800080;
        rb = ((rb + ((rb >>> 8) & 0x00ff00ff)) >>> 8) & 0x00ff00ff;
        int ag = ((dst >>> 8) & 0x00ff00ff) * keep + 0x00800080;
        ag = (ag + ((ag >>> 8) & 0x00ff00ff)) & 0xff00ff00;
        pixels[at] = src + (ag | rb);
      }
    }
  }
}
