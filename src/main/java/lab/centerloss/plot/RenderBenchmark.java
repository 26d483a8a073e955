package lab.centerloss.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.WritableImage;
import lab.centerloss.export.ImageFiles;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.Vec2List;

/**
 * Time to draw one frame of the feature plane off screen: the renderer's drawing calls plus the
 * rasterization that a snapshot forces (JavaFX records canvas commands and draws them later, so
 * timing the calls alone would measure only the recording). Points: ten clusters like a trained
 * center-loss plane, moving a little each frame as they do while training.
 */
public final class RenderBenchmark {
  private RenderBenchmark() {}

  public record Result(
      int width, int height, int points, int frames, double medianMs, double p95Ms) {}

  /** Frames drawn, captured and written as PNG files per second of wall time. */
  public record ExportResult(
      int width, int height, int points, int frames, int encoders, double framesPerSecond) {}

  /** Call off the JavaFX thread, after {@link HeadlessFx#start()} (or in a running app). */
  public static Result measure(
      int width, int height, int pointCount, int warmupFrames, int frames) {
    Scenes scenes = new Scenes(width, height, pointCount);
    Canvas canvas = HeadlessFx.call(() -> new Canvas(width, height));
    WritableImage target = new WritableImage(width, height);
    PlaneRenderer renderer = new PlaneRenderer();
    PlaneStyle style = PlaneStyle.normal();
    double[] millis = new double[frames];
    for (int f = -warmupFrames; f < frames; f++) {
      PlaneScene scene = scenes.frame(f);
      double elapsed =
          HeadlessFx.call(
              () -> {
                long start = System.nanoTime();
                renderer.render(canvas.getGraphicsContext2D(), width, height, scene, style);
                canvas.snapshot(null, target);
                return (System.nanoTime() - start) / 1e6;
              });
      if (f >= 0) {
        millis[f] = elapsed;
      }
    }
    Arrays.sort(millis);
    return new Result(
        width,
        height,
        pointCount,
        frames,
        millis[frames / 2],
        millis[(int) Math.min(frames - 1, Math.ceil(0.95 * frames) - 1)]);
  }

  /**
   * Frame export as the recording does it: drawn and captured on the JavaFX thread, PNG-encoded and
   * written by {@code encoders} worker threads into {@code folder}.
   */
  public static ExportResult measureExport(
      int width, int height, int pointCount, int frames, int encoders, Path folder)
      throws InterruptedException {
    Scenes scenes = new Scenes(width, height, pointCount);
    FrameCapture capture = HeadlessFx.call(() -> new FrameCapture(width, height));
    ExecutorService pool = Executors.newFixedThreadPool(encoders);
    Semaphore queued = new Semaphore(2 * encoders);
    AtomicReference<Exception> failure = new AtomicReference<>();
    long start = System.nanoTime();
    for (int f = 0; f < frames; f++) {
      PlaneScene scene = scenes.frame(f);
      BufferedImage image = HeadlessFx.call(() -> capture.capture(scene, PlaneStyle.normal()));
      queued.acquire();
      Path file = folder.resolve(ImageFiles.frameName(f + 1));
      pool.submit(
          () -> {
            try {
              ImageFiles.writePng(image, file);
            } catch (IOException e) {
              failure.set(e);
            } finally {
              queued.release();
            }
          });
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.MINUTES);
    if (failure.get() != null) {
      throw new IllegalStateException(
          "frame export failed: " + failure.get().getMessage(), failure.get());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new ExportResult(width, height, pointCount, frames, encoders, frames / seconds);
  }

  /** Ten clusters like a trained plane, shifted a little each frame. */
  private static final class Scenes {
    private final int width;
    private final int height;
    private final float[] base;
    private final IntVector labels;
    private final Vec2List centers;

    Scenes(int width, int height, int pointCount) {
      this.width = width;
      this.height = height;
      SplittableRandom random = new SplittableRandom(7);
      base = new float[pointCount * 2];
      int[] digits = new int[pointCount];
      for (int i = 0; i < pointCount; i++) {
        int digit = i % 10;
        double angle = 2 * Math.PI * digit / 10;
        digits[i] = digit;
        base[2 * i] = (float) (3 * Math.cos(angle) + 0.5 * random.nextGaussian());
        base[2 * i + 1] = (float) (3 * Math.sin(angle) + 0.5 * random.nextGaussian());
      }
      labels = IntVector.copyOf(digits);
      float[] c = new float[20];
      for (int j = 0; j < 10; j++) {
        c[2 * j] = (float) (3 * Math.cos(2 * Math.PI * j / 10));
        c[2 * j + 1] = (float) (3 * Math.sin(2 * Math.PI * j / 10));
      }
      centers = Vec2List.copyOf(c);
    }

    PlaneScene frame(int f) {
      float shift = (float) (0.02 * Math.sin(f * 0.1));
      float[] moved = base.clone();
      for (int i = 0; i < moved.length; i++) {
        moved[i] += shift;
      }
      return new PlaneScene(
          new ViewWindow(0, 0, Math.min(width, height) / 9.0),
          Vec2List.copyOf(moved),
          labels,
          Vec2List.copyOf(new float[0]),
          IntVector.copyOf(new int[0]),
          centers,
          List.of(),
          -1,
          true,
          "step " + f);
    }
  }
}
